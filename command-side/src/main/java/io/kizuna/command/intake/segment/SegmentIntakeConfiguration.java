package io.kizuna.command.intake.segment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the Segment-compatible HTTP intake: its typed properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SegmentIntakeProperties.class, HttpIntakeProperties.class})
public class SegmentIntakeConfiguration {}
