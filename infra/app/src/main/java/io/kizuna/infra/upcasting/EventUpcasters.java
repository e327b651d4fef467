package io.kizuna.infra.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every upcaster of the platform, in the order they apply: the one place to register a new one. Axon's
 * configuration takes this bean into its upcaster chain, which the event store reads through on every engine (the
 * JDBC engine of {@code JdbcEventStoreConfiguration}, and Axon Server's event store with the axonserver profile), so
 * aggregates, processors and history reads all see only the newest revision of each event.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    @Bean
    EventUpcaster eventUpcasterChain() {
        // append new upcasters at the end: each takes what the ones before it produced
        return new EventUpcasterChain(new TouchpointRecordedUpcaster());
    }
}
