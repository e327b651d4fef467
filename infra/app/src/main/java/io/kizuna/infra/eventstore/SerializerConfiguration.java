package io.kizuna.infra.eventstore;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Events, commands and tokens are stored as JSON by Axon's Jackson 3 serializer (XStream cannot read records back).
 * Axon's own polymorphic types, such as the {@code ReplayToken} written during a processor reset, must be allowed,
 * or the processor silently stops after a reset (STACK.md pitfall 2).
 */
@Configuration(proxyBeanMethods = false)
public class SerializerConfiguration {

    @Bean
    Jackson3SerializerCustomizer axonTypesAllowed() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }
}
