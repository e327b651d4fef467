package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SegmentIntakePropertiesTest {

    private static SegmentIntakeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("kizuna.intake.segment", SegmentIntakeProperties.class);
    }

    @Test
    void eventTypesAreConfiguredInEitherSpellingOfTheEventName() {
        SegmentIntakeProperties properties = bind(Map.of(
                "kizuna.intake.segment.event-types.order-completed", "purchase",
                "kizuna.intake.segment.event-types.[Lead Captured]", "lead"));
        EventTypes types = new EventTypes(properties.eventTypes());

        assertThat(types.typeOf("Order Completed")).isEqualTo("purchase");
        assertThat(types.typeOf("Lead Captured")).isEqualTo("lead");
        assertThat(types.typeOf("Signed Up")).isEqualTo("signed_up");
    }

    @Test
    void theDefaultChannelIsServer() {
        SegmentIntakeProperties properties = bind(Map.of());
        assertThat(properties.defaultChannel()).isEqualTo("server");
        assertThat(properties.eventTypes()).isEmpty();
    }
}
