package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SegmentRequestTest {

    private static final HttpIntakeProperties LIMITS =
            new HttpIntakeProperties(64, Duration.ofSeconds(1), DataSize.ofKilobytes(32), DataSize.ofKilobytes(500), 3);

    private static List<SegmentCall> parse(String type, String json, String basicKey) {
        return SegmentRequest.parse(
                type, json.getBytes(StandardCharsets.UTF_8), basicKey, LIMITS, SegmentController.JSON);
    }

    private static String fieldOf(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidInputException e) {
            return e.violations().get(0).field();
        }
        throw new AssertionError("expected an InvalidInputException");
    }

    @Test
    void batchContextIsMergedIntoEachMessageAndTheMessagesValuesWin() {
        List<SegmentCall> calls = parse(
                null,
                """
                {"context": {"library": {"name": "analytics-java", "version": "3.5.4"}, "locale": "ja-JP",
                             "app": {"name": "Kizuna Shop", "version": "1.0"}},
                 "batch": [
                   {"type": "track", "event": "A", "context": {"locale": "en-US", "app": {"build": "42"}}},
                   {"type": "page"}
                 ]}
                """,
                null);

        assertThat(calls).hasSize(2);
        var first = calls.get(0).message().get("context");
        assertThat(first.get("locale").asString()).isEqualTo("en-US");
        assertThat(first.get("library").get("name").asString()).isEqualTo("analytics-java");
        assertThat(first.get("app").get("name").asString()).isEqualTo("Kizuna Shop");
        assertThat(first.get("app").get("build").asString()).isEqualTo("42");
        assertThat(calls.get(1).message().get("context").get("locale").asString())
                .isEqualTo("ja-JP");
        assertThat(calls.get(0).position()).isEqualTo("batch[0]");
        assertThat(calls.get(1).field("event")).isEqualTo("batch[1].event");
    }

    @Test
    void theBatchSentAtStandsInForAMessagesMissingOne() {
        List<SegmentCall> calls = parse(
                null,
                """
                {"sentAt": "2026-11-20T10:00:00Z",
                 "batch": [{"type": "track", "sentAt": "2026-11-20T09:00:00Z"}, {"type": "track"}]}
                """,
                null);
        assertThat(calls.get(0).message().get("sentAt").asString()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(calls.get(1).message().get("sentAt").asString()).isEqualTo("2026-11-20T10:00:00Z");
    }

    @Test
    void theWriteKeyIsTheMessagesOwnElseTheBatchsElseBasicAuth() {
        List<SegmentCall> calls = parse(
                null,
                """
                {"writeKey": "wk_batch", "batch": [{"type": "track", "writeKey": "wk_own"}, {"type": "track"}]}
                """,
                "wk_basic");
        assertThat(calls.get(0).writeKey()).isEqualTo("wk_own");
        assertThat(calls.get(1).writeKey()).isEqualTo("wk_batch");
        assertThat(parse("track", "{}", "wk_basic").get(0).writeKey()).isEqualTo("wk_basic");
        assertThat(parse("track", "{\"writeKey\": \"wk_body\"}", "wk_basic")
                        .get(0)
                        .writeKey())
                .isEqualTo("wk_body");
    }

    @Test
    void aSingleCallTakesItsTypeFromTheEndpoint() {
        SegmentCall call = parse("identify", "{\"type\": \"track\", \"userId\": \"u1\"}", null)
                .get(0);
        assertThat(call.type()).isEqualTo("identify");
        assertThat(call.position()).isEmpty();
        assertThat(call.field("userId")).isEqualTo("userId");
    }

    @Test
    void malformedRequestsNameTheirProblem() {
        assertThat(fieldOf(() -> parse("track", "{\"event\": ", null))).isEmpty();
        assertThat(fieldOf(() -> parse("track", "[1, 2]", null))).isEmpty();
        assertThat(fieldOf(() -> parse(null, "{}", null))).isEqualTo("batch");
        assertThat(fieldOf(() -> parse(null, "{\"batch\": []}", null))).isEqualTo("batch");
        assertThat(fieldOf(() -> parse(null, "{\"batch\": [{\"type\": \"track\"}, 3]}", null)))
                .isEqualTo("batch[1]");
        assertThat(fieldOf(() -> parse(null, "{\"batch\": [{\"type\": \"purchase\"}]}", null)))
                .isEqualTo("batch[0].type");
    }

    @Test
    void segmentsLimitsAreKept() {
        assertThatThrownBy(() -> parse(
                        null,
                        "{\"batch\": [{\"type\": \"track\"}, {\"type\": \"track\"}, {\"type\": \"track\"},"
                                + " {\"type\": \"track\"}]}",
                        null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 3 messages");
        String big = "x".repeat(33 * 1024);
        assertThat(fieldOf(() -> parse(
                        null,
                        "{\"batch\": [{\"type\": \"track\"}, {\"type\": \"track\", \"p\": \"" + big + "\"}]}",
                        null)))
                .isEqualTo("batch[1]");
    }
}
