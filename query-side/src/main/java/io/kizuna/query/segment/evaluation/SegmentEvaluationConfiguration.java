package io.kizuna.query.segment.evaluation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the background evaluation of segments. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SegmentEvaluationProperties.class)
public class SegmentEvaluationConfiguration {}
