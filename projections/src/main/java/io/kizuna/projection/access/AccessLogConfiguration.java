package io.kizuna.projection.access;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access-log processor stops and retries a batch whose write failed, instead of logging and skipping it: a
 * skipped record would be missing from the log for good (until a rebuild).
 */
@Configuration(proxyBeanMethods = false)
public class AccessLogConfiguration {

    @Bean
    ConfigurerModule accessLogErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        AccessLogProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
