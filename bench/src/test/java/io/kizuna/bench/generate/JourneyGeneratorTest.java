package io.kizuna.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.bench.generate.Dataset.Customer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JourneyGeneratorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Dataset generate(long seed) {
        return JourneyGenerator.generate(new JourneyGenerator.Settings(500, 10_000, seed, ANCHOR, 300));
    }

    @Test
    void theSameSeedGivesTheSameData() {
        Dataset a = generate(42);
        Dataset b = generate(42);
        assertThat(a.customers()).isEqualTo(b.customers());
        assertThat(a.online()).isEqualTo(b.online());
        assertThat(a.late()).isEqualTo(b.late());
        assertThat(a.figures()).isEqualTo(b.figures());
        assertThat(new SegmentJson(a).batch(a.online().subList(0, 200)))
                .isEqualTo(new SegmentJson(b).batch(b.online().subList(0, 200)));
    }

    @Test
    void anotherSeedGivesOtherData() {
        Dataset a = generate(42);
        Dataset b = generate(43);
        assertThat(a.customers().get(0).anonymousId())
                .isNotEqualTo(b.customers().get(0).anonymousId());
        assertThat(a.online()).isNotEqualTo(b.online());
    }

    @Test
    void everyRequestedTouchpointIsMadeOnceWithDistinctMessageIdsAndRetriesRepeatThem() {
        Dataset data = generate(7);
        List<Message> all =
                Stream.concat(data.online().stream(), data.late().stream()).toList();
        Set<String> touchpointIds = new HashSet<>();
        long retries = 0;
        for (Message m : all) {
            if (m.has(Message.RETRY)) {
                retries++;
                assertThat(touchpointIds.contains(data.messageId(m)) || !m.touchpoint())
                        .as("a retry of a message sent before")
                        .isTrue();
            } else if (m.touchpoint()) {
                assertThat(touchpointIds.add(data.messageId(m))).isTrue();
            }
        }
        assertThat(touchpointIds).hasSize(10_000 + 300);
        assertThat(data.figures().touchpoints()).isEqualTo(10_300);
        assertThat(retries).isEqualTo(data.figures().retries()).isPositive();
        assertThat(data.customers().stream()
                        .mapToLong(Customer::expectedTouchpoints)
                        .sum())
                .isEqualTo(10_300);
    }

    @Test
    void journeysLookLikeCustomersOfAShop() {
        Dataset data = generate(11);
        Dataset.Figures f = data.figures();
        assertThat(f.knownCustomers()).isBetween(100L, 450L); // anonymous visitors who identify, and ones who never do
        assertThat(f.merges()).isPositive(); // second devices tied by a later login
        assertThat(f.late()).isPositive(); // offline data arriving after the online traffic
        assertThat(f.purchasesJpy()).isGreaterThan(f.purchasesUsd()).isPositive();
        assertThat(f.purchasesUsd()).isPositive();
        assertThat(f.returns()).isPositive();
        // drop-off: fewer customers at each later stage
        long[] atLevel = new long[4];
        data.customers().forEach(c -> atLevel[c.maxLevel()]++);
        assertThat(atLevel[0]).isGreaterThan(atLevel[3]);
        assertThat(atLevel[1] + atLevel[2] + atLevel[3]).isPositive();
        // the deep customer, for time travel over a long history
        assertThat(data.deepCustomer()).isNotNull();
        assertThat(data.deepCustomer().expectedTouchpoints()).isEqualTo(300);
        // every business time within the half year before the anchor (a year for the deep customer)
        Stream.concat(data.online().stream(), data.late().stream()).forEach(m -> assertThat(m.at())
                .isLessThanOrEqualTo(ANCHOR.toEpochMilli())
                .isGreaterThan(ANCHOR.minusSeconds(366L * 86_400).toEpochMilli()));
        // touchpoint types as the platform's intake makes them from the names
        Set<String> types = new HashSet<>();
        Stream.concat(data.online().stream(), data.late().stream())
                .filter(Message::touchpoint)
                .forEach(m -> types.add(Catalog.event(m.event()).type()));
        assertThat(types)
                .contains(
                        "ad_click",
                        "email_open",
                        "web_visit",
                        "store_visit",
                        "order_completed",
                        "purchase",
                        "return",
                        "support_call",
                        "coupon_redeemed",
                        "signed_up");
    }

    @Test
    void messagesAreSegmentCallsTheIntakeTakes() {
        Dataset data = generate(5);
        SegmentJson json = new SegmentJson(data);
        boolean sawIdentify = false;
        boolean sawPosWithUserIdOnly = false;
        boolean sawSecondDeviceLogin = false;
        for (Message m : data.online().subList(0, 2000)) {
            JsonNode call = JSON.readTree(json.message(m));
            assertThat(call.get("messageId").asString()).isEqualTo(data.messageId(m));
            assertThat(call.has("userId") || call.has("anonymousId")).isTrue();
            assertThat(Instant.parse(call.get("timestamp").asString())).isBefore(ANCHOR.plusSeconds(1));
            switch (call.get("type").asString()) {
                case "track" -> {
                    assertThat(call.get("event").asString()).isNotBlank();
                    if (call.at("/properties/revenue").isNumber()) {
                        assertThat(call.at("/properties/currency").asString()).isIn("JPY", "USD");
                    }
                }
                case "identify" -> {
                    sawIdentify = true;
                    if (m.has(Message.SECOND_DEVICE)) {
                        sawSecondDeviceLogin = true;
                        assertThat(call.get("anonymousId").asString())
                                .isEqualTo(data.customers().get(m.customer()).secondAnonymousId());
                    } else {
                        assertThat(call.at("/traits/email").asString()).contains("@");
                    }
                    assertThat(call.get("userId").asString()).isNotBlank();
                }
                case "page", "screen" -> assertThat(call.get("name").asString()).isNotBlank();
                default -> throw new AssertionError("unexpected call " + call);
            }
        }
        for (Message m : data.late()) {
            JsonNode call = JSON.readTree(json.message(m));
            assertThat(call.at("/context/channel").asString()).isEqualTo("store");
            if (call.has("userId") && !call.has("anonymousId")) {
                sawPosWithUserIdOnly = true;
            }
        }
        assertThat(sawIdentify).isTrue();
        assertThat(sawPosWithUserIdOnly).isTrue();
        assertThat(sawSecondDeviceLogin || data.figures().merges() > 0).isTrue();
        // batches stay far below the intake's 500 KB
        assertThat(json.batch(data.online().subList(0, 500)).length).isLessThan(400_000);
    }

    @Test
    void refusesFewerTouchpointsThanCustomers() {
        assertThatThrownBy(() -> new JourneyGenerator.Settings(10, 5, 1, ANCHOR, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least the number of customers");
    }
}
