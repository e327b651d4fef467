package io.kizuna.projection.rebuild;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the rebuild settings ({@code kizuna.views.rebuild.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RebuildProperties.class)
public class RebuildConfiguration {}
