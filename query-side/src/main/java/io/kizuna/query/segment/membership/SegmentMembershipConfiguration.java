package io.kizuna.query.segment.membership;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Wiring of the live segment membership process: processor defaults (kizuna-segment-membership.properties), batches
 * that fail are retried rather than skipped, and a first start that begins at the head of the event store.
 *
 * <p>Why the head: the process keeps memberships current as customers change; customers as they are when a segment
 * is defined are evaluated by the background evaluation of new and changed segments. Starting at the tail would
 * re-evaluate every customer once per event of its history the first time the process runs.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:kizuna-segment-membership.properties")
@EnableConfigurationProperties(SegmentMembershipProperties.class)
public class SegmentMembershipConfiguration {

    @Bean
    ConfigurerModule segmentMembershipProcessing() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        SegmentMembershipProcess.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(
                        SegmentMembershipProcess.PROCESSING_GROUP,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
