package io.kizuna.command.intake.segment;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Segment messages become touchpoints ({@code kizuna.intake.segment.*}).
 *
 * @param eventTypes track event name to touchpoint type, e.g. {@code event-types.order-completed=purchase} or
 *     {@code event-types.[Order Completed]=purchase}; names are compared in lower snake case. Events not listed
 *     become their name in lower snake case ("Order Completed" becomes {@code order_completed}).
 * @param defaultChannel channel of a touchpoint whose message says nothing about where it came from (server-side
 *     libraries); default {@code server}
 */
@ConfigurationProperties("kizuna.intake.segment")
public record SegmentIntakeProperties(Map<String, String> eventTypes, @DefaultValue("server") String defaultChannel) {

    public SegmentIntakeProperties {
        eventTypes = eventTypes == null ? Map.of() : Map.copyOf(eventTypes);
    }
}
