package io.kizuna.command.segment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of segment definitions: the built-in segments' thresholds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BuiltInSegmentProperties.class)
public class SegmentConfiguration {}
