package io.kizuna.command.causation;

import io.kizuna.api.history.Causation;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Causation metadata from commands to events. Axon copies the keys its {@link CorrelationDataProvider} beans name
 * from the message being handled onto every message it produces, so the events a command applies carry the
 * command's {@code requestId}, {@code sourceId} and {@code actor}. Axon's own {@link MessageOriginProvider}
 * ({@code correlationId}, {@code traceId}) is declared here too: the Spring Boot auto-configuration declares it only
 * when no other provider bean exists, and every provider bean is used.
 */
@Configuration(proxyBeanMethods = false)
public class CausationConfiguration {

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider causationMetaData() {
        return new SimpleCorrelationDataProvider(Causation.COPIED_KEYS.toArray(String[]::new));
    }

    /** Registered on the command gateway by Axon's interceptor auto-configuration. */
    @Bean
    CommandCausation commandCausation() {
        return new CommandCausation();
    }
}
