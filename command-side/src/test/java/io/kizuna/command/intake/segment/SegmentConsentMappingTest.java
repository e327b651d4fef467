package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.intake.IntakeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Segment's {@code context.consent.categoryPreferences} as consent answers of the message's customer. */
class SegmentConsentMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant OCCURRED = Instant.parse("2026-11-19T08:00:00Z");
    private static final HttpIntakeProperties LIMITS = new HttpIntakeProperties(
            64, Duration.ofSeconds(1), DataSize.ofKilobytes(32), DataSize.ofKilobytes(500), 2500);

    private final SegmentMapper mapper = new SegmentMapper(new EventTypes(Map.of()), "server", SegmentController.JSON);

    private IntakeMessage map(String type, String json) {
        SegmentCall call = SegmentRequest.parse(
                        type, json.getBytes(StandardCharsets.UTF_8), "wk_test", LIMITS, SegmentController.JSON)
                .get(0);
        return mapper.map(call, "source-1", RECEIVED).message();
    }

    private List<Violation> violations(String type, String json) {
        return catchThrowableOfType(InvalidInputException.class, () -> map(type, json))
                .violations();
    }

    @Test
    void categoryPreferencesBecomeAnswersForEveryChannelAtTheCallsBusinessTime() {
        IntakeMessage message = map(
                "track",
                """
                {"messageId": "m-1", "userId": "u-1", "event": "Viewed", "timestamp": "2026-11-19T08:00:00Z",
                 "context": {"consent": {"categoryPreferences": {"Advertising": true, "DataSharing": false}}}}
                """);

        assertThat(message.touchpoint()).isNotNull();
        assertThat(message.consent())
                .containsExactly(
                        new ConsentChange("advertising", null, true, OCCURRED, "m-1"),
                        new ConsentChange("data_sharing", null, false, OCCURRED, "m-1"));
    }

    @Test
    void anIdentifyWithoutTraitsCanCarryConsentAlone() {
        IntakeMessage message = map(
                "identify",
                """
                {"messageId": "m-2", "userId": "u-1", "timestamp": "2026-11-19T08:00:00Z",
                 "context": {"consent": {"categoryPreferences": {"analytics": true}}}}
                """);

        assertThat(message.traits()).isNull();
        assertThat(message.consent()).containsExactly(new ConsentChange("analytics", null, true, OCCURRED, "m-2"));
    }

    @Test
    void aCallWithoutConsentCarriesNone() {
        IntakeMessage message =
                map("track", "{\"messageId\": \"m-3\", \"userId\": \"u-1\", \"event\": \"Viewed\", \"context\": {}}");

        assertThat(message.consent()).isEmpty();
    }

    @Test
    void aPreferenceThatIsNotTrueOrFalseIsRefusedNamingIt() {
        assertThat(
                        violations(
                                "track",
                                """
                        {"messageId": "m-4", "userId": "u-1", "event": "Viewed",
                         "context": {"consent": {"categoryPreferences": {"analytics": "yes"}}}}
                        """))
                .extracting(Violation::field)
                .containsExactly("context.consent.categoryPreferences.analytics");
    }

    @Test
    void aCategoryWithoutLatinLettersCannotBeAPurpose() {
        assertThat(
                        violations(
                                "track",
                                """
                        {"messageId": "m-5", "userId": "u-1", "event": "Viewed",
                         "context": {"consent": {"categoryPreferences": {"広告": true}}}}
                        """))
                .extracting(Violation::field)
                .containsExactly("context.consent.categoryPreferences.広告");
    }

    @Test
    void categoryPreferencesMustBeAnObject() {
        assertThat(
                        violations(
                                "track",
                                """
                        {"messageId": "m-6", "userId": "u-1", "event": "Viewed",
                         "context": {"consent": {"categoryPreferences": ["analytics"]}}}
                        """))
                .extracting(Violation::field)
                .containsExactly("context.consent.categoryPreferences");
    }
}
