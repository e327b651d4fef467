package io.kizuna.projection;

import io.kizuna.projection.customer.CustomerViewProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Wiring of the projections: processor defaults (kizuna-projections.properties) and a propagating error handler,
 * so that a failing view write stops and retries the batch instead of being logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:kizuna-projections.properties")
public class ProjectionsConfiguration {

    @Bean
    ConfigurerModule viewErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CustomerViewProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
