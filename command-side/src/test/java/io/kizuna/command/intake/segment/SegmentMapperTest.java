package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SegmentMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");
    private static final HttpIntakeProperties LIMITS = new HttpIntakeProperties(
            64, Duration.ofSeconds(1), DataSize.ofKilobytes(32), DataSize.ofKilobytes(500), 2500);

    private final SegmentMapper mapper =
            new SegmentMapper(new EventTypes(Map.of("order-completed", "purchase")), "server", SegmentController.JSON);

    private static SegmentCall call(String type, String json) {
        return SegmentRequest.parse(
                        type, json.getBytes(StandardCharsets.UTF_8), "wk_test", LIMITS, SegmentController.JSON)
                .get(0);
    }

    private IntakeMessage map(String type, String json) {
        return mapper.map(call(type, json), "source-1", RECEIVED).message();
    }

    private List<Violation> violations(String type, String json) {
        try {
            map(type, json);
        } catch (InvalidInputException e) {
            return e.violations();
        }
        throw new AssertionError("expected violations");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> segment(Touchpoint touchpoint) {
        return (Map<String, Object>) touchpoint.properties().get("_segment");
    }

    @Test
    void trackBecomesATouchpointTypedByTheTableWithRevenueAsValue() {
        IntakeMessage message = map(
                "track",
                """
                {"messageId": "m-1", "userId": "u-1", "anonymousId": "a-1", "event": "Order Completed",
                 "properties": {"orderId": "o-9", "revenue": 39.8, "currency": "jpy"},
                 "context": {"campaign": {"name": "autumn-sale", "source": "newsletter"}},
                 "timestamp": "2026-11-19T08:00:00Z"}
                """);

        assertThat(message.messageId()).isEqualTo("m-1");
        assertThat(message.identifiers())
                .containsExactly(new IdentifierRef("userId", "u-1"), new IdentifierRef("anonymousId", "a-1"));
        assertThat(message.traits()).isNull();
        Touchpoint touchpoint = message.touchpoint();
        assertThat(touchpoint.messageId()).isEqualTo("m-1");
        assertThat(touchpoint.type()).isEqualTo("purchase");
        assertThat(touchpoint.channel()).isEqualTo("server");
        assertThat(touchpoint.campaign()).isEqualTo("autumn-sale");
        assertThat(touchpoint.value()).isEqualTo(new Money(new BigDecimal("39.8"), "JPY"));
        assertThat(touchpoint.occurredAt()).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
        assertThat(touchpoint.properties()).containsEntry("orderId", "o-9");
        assertThat(segment(touchpoint))
                .containsEntry("type", "track")
                .containsEntry("event", "Order Completed")
                .containsEntry("timestamp", "2026-11-19T08:00:00Z")
                .containsEntry("receivedAt", RECEIVED.toString())
                .containsEntry("sourceId", "source-1")
                .containsKeys("originalTimestamp", "sentAt", "context");
        assertThat(touchpoint.validate(RECEIVED)).isEmpty();
    }

    @Test
    void unlistedEventsAreSnakeCasedAndTotalOrValueInUsdIsTheFallback() {
        Touchpoint touchpoint = map(
                        "track",
                        """
                        {"messageId": "m-2", "anonymousId": "a-1", "event": "Trial Started",
                         "properties": {"total": "0.30000000000000004"}}
                        """)
                .touchpoint();
        assertThat(touchpoint.type()).isEqualTo("trial_started");
        assertThat(touchpoint.value()).isEqualTo(new Money(new BigDecimal("0.3"), "USD"));
        assertThat(touchpoint.occurredAt()).isEqualTo(RECEIVED);

        Touchpoint noValue = map(
                        "track",
                        "{\"messageId\": \"m-3\", \"anonymousId\": \"a-1\", \"event\": \"X\", \"properties\":"
                                + " {\"value\": \"lots\"}}")
                .touchpoint();
        assertThat(noValue.value()).isNull();
        assertThat(noValue.properties()).containsEntry("value", "lots");
    }

    @Test
    void occurredAtCorrectsTheDevicesClock() {
        Touchpoint touchpoint = map(
                        "track",
                        """
                        {"messageId": "m-4", "anonymousId": "a-1", "event": "Clicked",
                         "originalTimestamp": "2026-11-20T08:59:00Z", "sentAt": "2026-11-20T09:00:00Z"}
                        """)
                .touchpoint();
        assertThat(touchpoint.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:59:00Z"));
    }

    @Test
    void theChannelComesFromContextThenTheCallThenTheLibrary() {
        assertThat(map(
                                "track",
                                "{\"messageId\": \"m\", \"anonymousId\": \"a\", \"event\": \"E\","
                                        + " \"context\": {\"channel\": \"Call Center\"}}")
                        .touchpoint()
                        .channel())
                .isEqualTo("call_center");
        assertThat(map(
                                "track",
                                "{\"messageId\": \"m\", \"anonymousId\": \"a\", \"event\": \"E\","
                                        + " \"context\": {\"library\": {\"name\": \"analytics.js\"}}}")
                        .touchpoint()
                        .channel())
                .isEqualTo("web");
        assertThat(map(
                                "track",
                                "{\"messageId\": \"m\", \"anonymousId\": \"a\", \"event\": \"E\", \"channel\": \"mobile\"}")
                        .touchpoint()
                        .channel())
                .isEqualTo("mobile_app");
        assertThat(map("screen", "{\"messageId\": \"m\", \"anonymousId\": \"a\", \"name\": \"Home\"}")
                        .touchpoint()
                        .channel())
                .isEqualTo("mobile_app");
    }

    @Test
    void pageBecomesAWebVisitWithNameUrlAndReferrer() {
        Touchpoint touchpoint = map(
                        "page",
                        """
                        {"messageId": "p-1", "anonymousId": "a-1", "name": "Pricing",
                         "properties": {"title": "Pricing | Kizuna"},
                         "context": {"page": {"url": "https://kizuna.example/pricing",
                                              "referrer": "https://search.example/?q=kizuna",
                                              "title": "ignored: properties win"},
                                     "campaign": {"name": "launch"}}}
                        """)
                .touchpoint();
        assertThat(touchpoint.type()).isEqualTo("web_visit");
        assertThat(touchpoint.channel()).isEqualTo("web");
        assertThat(touchpoint.campaign()).isEqualTo("launch");
        assertThat(touchpoint.properties())
                .containsEntry("name", "Pricing")
                .containsEntry("url", "https://kizuna.example/pricing")
                .containsEntry("referrer", "https://search.example/?q=kizuna")
                .containsEntry("title", "Pricing | Kizuna");
    }

    @Test
    void screenBecomesAnAppScreenView() {
        Touchpoint touchpoint = map("screen", "{\"messageId\": \"s-1\", \"userId\": \"u-1\", \"name\": \"Cart\"}")
                .touchpoint();
        assertThat(touchpoint.type()).isEqualTo("app_screen_view");
        assertThat(touchpoint.properties()).containsEntry("name", "Cart");
    }

    @Test
    void groupBecomesAGroupJoinedTouchpointWithTheGroupsTraits() {
        Touchpoint touchpoint = map(
                        "group",
                        """
                        {"messageId": "g-1", "userId": "u-1", "groupId": "acme",
                         "traits": {"name": "ACME Corp", "plan": "enterprise"}}
                        """)
                .touchpoint();
        assertThat(touchpoint.type()).isEqualTo("group_joined");
        assertThat(touchpoint.properties())
                .containsEntry("groupId", "acme")
                .containsEntry("traits", Map.of("name", "ACME Corp", "plan", "enterprise"));
    }

    @Test
    void identifyBecomesTraitsAndIdentifiersWithNullRemovingATrait() {
        IntakeMessage message = map(
                "identify",
                """
                {"messageId": "i-1", "userId": "u-1", "anonymousId": "a-1",
                 "traits": {"name": "Hanako Yamada", "email": "Hanako@Example.jp", "phone": "+81 90-1234-5678",
                            "plan": null}}
                """);
        assertThat(message.touchpoint()).isNull();
        assertThat(message.traits())
                .containsEntry("name", "Hanako Yamada")
                .containsEntry("plan", null)
                .hasSize(4);
        assertThat(message.identifiers())
                .containsExactly(
                        new IdentifierRef("userId", "u-1"),
                        new IdentifierRef("anonymousId", "a-1"),
                        new IdentifierRef("email", "Hanako@Example.jp"),
                        new IdentifierRef("phone", "+81 90-1234-5678"));
    }

    @Test
    void aliasOnlyLinksTheUserIdToThePreviousId() {
        IntakeMessage message = map("alias", "{\"messageId\": \"al-1\", \"userId\": \"u-1\", \"previousId\": \"a-1\"}");
        assertThat(message.touchpoint()).isNull();
        assertThat(message.traits()).isNull();
        assertThat(message.identifiers())
                .containsExactly(new IdentifierRef("userId", "u-1"), new IdentifierRef("anonymousId", "a-1"));
    }

    @Test
    void requiredFieldsAreNamedInTheCallsOwnTerms() {
        assertThat(violations("track", "{\"anonymousId\": \"a\", \"event\": \"E\"}"))
                .extracting(Violation::field)
                .containsExactly("messageId");
        assertThat(violations("track", "{\"messageId\": \"m\", \"event\": \"E\"}"))
                .extracting(Violation::field)
                .containsExactly("userId");
        assertThat(violations("track", "{\"messageId\": \"m\", \"userId\": \"u\"}"))
                .extracting(Violation::field)
                .containsExactly("event");
        assertThat(violations("group", "{\"messageId\": \"m\", \"userId\": \"u\"}"))
                .extracting(Violation::field)
                .containsExactly("groupId");
        assertThat(violations("alias", "{\"messageId\": \"m\", \"userId\": \"u\"}"))
                .extracting(Violation::field)
                .containsExactly("previousId");
        assertThat(violations("page", "{\"messageId\": \"m\", \"userId\": \"u\", \"timestamp\": \"soon\"}"))
                .extracting(Violation::field)
                .containsExactly("timestamp");
        assertThat(violations("identify", "{\"messageId\": \"m\", \"userId\": {\"id\": 1}}"))
                .extracting(Violation::field)
                .containsExactly("userId");
    }

    @Test
    void theIntakesFieldNamesTranslateBackToTheCalls() {
        SegmentMapper.Mapped mapped = mapper.map(
                call(
                        "track",
                        "{\"messageId\": \"m\", \"userId\": \"u\", \"anonymousId\": \"a\", \"event\": \"E\","
                                + " \"properties\": {\"revenue\": 1, \"currency\": \"XX\"}}"),
                "source-1",
                RECEIVED);
        assertThat(mapped.segmentField("identifiers[1].value")).isEqualTo("anonymousId");
        assertThat(mapped.segmentField("value.currency")).isEqualTo("properties.currency");
        assertThat(mapped.segmentField("type")).isEqualTo("event");
        assertThat(mapped.segmentField("occurredAt")).isEqualTo("timestamp");
        assertThat(mapped.segmentField("properties")).isEqualTo("properties");
        assertThat(mapped.segmentField("messageId")).isEqualTo("messageId");
    }
}
