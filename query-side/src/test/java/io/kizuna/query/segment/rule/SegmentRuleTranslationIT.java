package io.kizuna.query.segment.rule;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules translated to queries and run against a real Elasticsearch node, over an index with exactly the profile
 * fields {@link SegmentRuleTranslator} documents, holding five customers whose answers are known. Also the spike
 * for counting without scripts: nested sums of {@code activity.count} with {@code min_score}, in filter context,
 * inside {@code bool}, under {@code must_not}.
 *
 * <p>Now is {@value #NOW}, so today is 2026-03-01 and {@code within: 90d} starts on 2025-12-01. First seen (the
 * earliest activity): c1 2026-01-15T09:00, c2 2025-10-01T23:30, c3 2026-02-01T00:00, c5 2025-11-30T12:00; c4 never.
 *
 * <ul>
 *   <li>c1 (a loyal buyer): purchases in store, 1 on 2026-01-15 and 2 on 2026-02-20; 5 web visits on 2026-02-28
 *       (campaign spring); plan gold, age 35, vip, city "Minato, Tokyo"; email and crm; four_stage retention;
 *       12000 JPY from 3 purchases; segment vip; consents email_marketing and marketing:email.
 *   <li>c2 (lapsed): web purchases, 4 on 2025-10-01 and 1 on 2025-12-01 (the first day of a 90-day window);
 *       plan silver, age 20; crm; four_stage acquisition; 3000 JPY from 1 purchase, 50 EUR from 2; consent
 *       email_marketing on every channel but sms (withdrawn there).
 *   <li>c3 (a browser): web visits, 2 on 2026-02-01 (campaign newyear) and 1 today; plan free, age 29.5, city Osaka,
 *       signup_date 2026-01-15; anonymousId; no stage, no value; consent analytics on web only.
 *   <li>c4: nothing but an anonymousId.
 *   <li>c5 (returned): a store purchase on 2025-11-30 (a day before the window), a store return on 2026-02-27; plan
 *       gold, signup_date 2025-06-01; four_stage churned; -20 EUR with no purchase.
 * </ul>
 */
class SegmentRuleTranslationIT {

    static final String NOW = "2026-03-01T10:00:00Z";
    private static final String INDEX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-segment-rules";

    /** Exactly the fields the translator reads, mapped as its Javadoc says the profile view maps them. */
    private static final String MAPPING =
            """
            {
              "dynamic": "strict",
              "properties": {
                "id": { "type": "keyword" },
                "firstSeenAt": { "type": "date" },
                "activity": { "type": "nested", "properties": {
                  "day": { "type": "date" }, "type": { "type": "keyword" }, "channel": { "type": "keyword" },
                  "campaign": { "type": "keyword" }, "count": { "type": "long" } } },
                "traitValues": { "type": "nested", "properties": {
                  "name": { "type": "keyword" }, "keyword": { "type": "keyword" }, "number": { "type": "double" },
                  "text": { "type": "text" } } },
                "identifiers": { "properties": { "type": { "type": "keyword" }, "value": { "type": "keyword" } } },
                "stages": { "type": "nested", "properties": {
                  "model": { "type": "keyword" }, "stage": { "type": "keyword" } } },
                "lifetimeValue": { "type": "nested", "properties": {
                  "currency": { "type": "keyword" }, "numeric": { "type": "double" }, "purchases": { "type": "long" },
                  "averageOrderValue": { "type": "double" } } },
                "segments": { "type": "keyword" },
                "consents": { "type": "keyword" },
                "consentsWithdrawn": { "type": "keyword" }
              }
            }
            """;

    private static ElasticsearchClient client;

    @BeforeAll
    static void population() throws Exception {
        Rest5Client rest = Rest5Client.builder(
                        HttpHost.create(TestElasticsearch.url().toString()))
                .build();
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        client.indices().create(c -> c.index(INDEX)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.withJson(new StringReader(MAPPING))));

        index(new Profile("c1")
                .firstSeen("2026-01-15T09:00:00Z")
                .activity("2026-01-15", "purchase", "store", null, 1)
                .activity("2026-02-20", "purchase", "store", null, 2)
                .activity("2026-02-28", "web_visit", "web", "spring", 5)
                .trait("plan", "gold")
                .trait("age", 35)
                .trait("vip", true)
                .trait("city", "Minato, Tokyo")
                .identifier("email")
                .identifier("crm")
                .stage("four_stage", "retention")
                .value("JPY", 12000, 3)
                .segment("vip")
                .consent("email_marketing")
                .consent("marketing:email"));
        index(new Profile("c2")
                .firstSeen("2025-10-01T23:30:00Z")
                .activity("2025-10-01", "purchase", "web", null, 4)
                .activity("2025-12-01", "purchase", "web", null, 1)
                .trait("plan", "silver")
                .trait("age", 20)
                .identifier("crm")
                .stage("four_stage", "acquisition")
                .value("JPY", 3000, 1)
                .value("EUR", 50, 2)
                .consent("email_marketing")
                .withdrawn("email_marketing:sms"));
        index(new Profile("c3")
                .firstSeen("2026-02-01T00:00:00Z")
                .activity("2026-02-01", "web_visit", "web", "newyear", 2)
                .activity("2026-03-01", "web_visit", "web", null, 1)
                .trait("plan", "free")
                .trait("age", 29.5)
                .trait("city", "Osaka")
                .trait("signup_date", "2026-01-15")
                .identifier("anonymousId")
                .consent("analytics:web"));
        index(new Profile("c4").identifier("anonymousId"));
        index(new Profile("c5")
                .firstSeen("2025-11-30T12:00:00Z")
                .activity("2025-11-30", "purchase", "store", null, 1)
                .activity("2026-02-27", "return", "store", null, 1)
                .trait("plan", "gold")
                .trait("signup_date", "2025-06-01")
                .stage("four_stage", "churned")
                .value("EUR", -20, 0));
        client.indices().refresh(r -> r.index(INDEX));
    }

    @AfterAll
    static void dropIndex() throws IOException {
        if (client != null) {
            client.indices().delete(d -> d.index(INDEX));
        }
    }

    @Test
    void theIssuesExample() throws IOException {
        assertThat(members("touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) = retention"
                        + " and consent(email_marketing)"))
                .containsExactly("c1");
    }

    /** The spike: sums of daily buckets compared without a script, in every context a rule can put them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "touchpoints(type: purchase, within: 90d) >= 1   | c1 c2",
                "touchpoints(type: purchase, within: 90d) >= 3   | c1",
                "touchpoints(type: purchase, within: 90d) > 1    | c1",
                "touchpoints(type: purchase, within: 90d) = 3    | c1",
                "touchpoints(type: purchase, within: 90d) = 1    | c2",
                "touchpoints(type: purchase, within: 90d) <= 1   | c2 c3 c4 c5",
                "touchpoints(type: purchase, within: 90d) < 3    | c2 c3 c4 c5",
                "touchpoints(type: purchase, within: 90d) != 1   | c1 c3 c4 c5",
                "touchpoints(type: purchase) >= 5                | c2",
                "touchpoints(type: purchase) = 0                 | c3 c4",
                "touchpoints() = 0                               | c4",
                "touchpoints() >= 0                              | c1 c2 c3 c4 c5",
                "touchpoints() < 0                               | ''",
                "touchpoints(channel: web) >= 3                  | c1 c2 c3",
                "touchpoints(type: (purchase, return), channel: store) >= 2 | c1 c5",
                "touchpoints(campaign: \"newyear\") >= 2         | c3",
                "touchpoints(campaign: (\"newyear\", \"spring\")) >= 5 | c1",
                "touchpoints(from: 2026-02-01, to: 2026-02-27) >= 1 | c1 c3 c5",
                "touchpoints(from: 2026-02-01, to: 2026-02-27) >= 2 | c1 c3",
                "touchpoints(within: 24h) >= 1                   | c1 c3",
                "touchpoints(within: 1w) >= 5                    | c1",
                "touchpoints(within: 1w) >= 6                    | ''",
                "touchpoints(within: 2w) >= 7                    | c1",
                "not touchpoints(type: purchase) >= 1 or touchpoints(type: purchase) >= 5 | c2 c3 c4",
                "(touchpoints() >= 3 and not touchpoints(within: 1m) >= 3) or trait(plan) = \"free\" | c2 c3"
            })
    void touchpointCounts(String rule, String expected) throws IOException {
        assertThat(members(rule)).containsExactlyElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "days_since(type: purchase) >= 90  | c2 c5",
                "days_since(type: purchase) > 90   | c5",
                "days_since(type: purchase) = 90   | c2",
                "days_since(type: purchase) <= 9   | c1",
                "days_since(type: purchase) < 9    | ''",
                "days_since(type: purchase) != 90  | c1 c5",
                "days_since() = 0                  | c3",
                "days_since() <= 2                 | c1 c3 c5",
                "days_since(channel: store) >= 2   | c1 c5",
                "not days_since(type: purchase) < 30 | c2 c3 c4 c5"
            })
    void recency(String rule, String expected) throws IOException {
        assertThat(members(rule)).containsExactlyElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "trait(plan) = \"gold\"                  | c1 c5",
                "trait(plan) != \"gold\"                 | c2 c3 c4",
                "trait(plan) in (\"silver\", \"free\")   | c2 c3",
                "trait(plan) not in (\"silver\", \"free\") | c1 c4 c5",
                "trait(age) in (35, 20)                  | c1 c2",
                "trait(age) = 20                         | c2",
                "trait(age) >= 29.5                      | c1 c3",
                "trait(age) > 29.5                       | c1",
                "trait(age) < 29.5                       | c2",
                "trait(age) between 20 and 29.5          | c2 c3",
                "trait(vip) = true                       | c1",
                "trait(city) exists                      | c1 c3",
                "trait(city) contains \"tokyo\"          | c1",
                "trait(city) contains \"minato  TOKYO\"  | c1",
                "trait(signup_date) >= \"2026-01-01\"    | c3",
                "trait(signup_date) < \"2026-01-01\"     | c5"
            })
    void traits(String rule, String expected) throws IOException {
        assertThat(members(rule)).containsExactlyElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "has_identifier(email)                 | c1",
                "has_identifier(anonymousId)           | c3 c4",
                "lifetime_value(JPY) >= 10000          | c1",
                "lifetime_value(JPY) < 5000            | c2 c3 c4 c5",
                "lifetime_value(EUR) < 0               | c5",
                "lifetime_value(EUR) = 0               | c1 c3 c4",
                "lifetime_value(EUR) != 50             | c1 c3 c4 c5",
                "average_order_value(EUR) <= 100       | c2",
                "average_order_value(JPY) > 3000       | c1",
                "average_order_value(JPY) = 3000       | c2",
                "stage(four_stage) = retention         | c1",
                "stage(four_stage) != retention        | c2 c3 c4 c5",
                "stage(four_stage) in (acquisition, churned) | c2 c5",
                "stage(four_stage) not in (acquisition, churned) | c1 c3 c4",
                "segment(vip)                          | c1",
                "not segment(vip)                      | c2 c3 c4 c5",
                "consent(email_marketing)              | c1 c2",
                "consent(marketing, email)             | c1",
                "consent(email_marketing, email)       | c1 c2",
                "consent(email_marketing, sms)         | c1",
                "consent(analytics)                    | ''",
                "consent(analytics, web)               | c3",
                "not consent(email_marketing, sms)     | c2 c3 c4 c5",
                "(segment(vip) or trait(plan) = \"silver\") and not consent(marketing, email) | c2"
            })
    void otherConditions(String rule, String expected) throws IOException {
        assertThat(members(rule)).containsExactlyElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "first_seen(within: 30d)                           | c3",
                "first_seen(within: 28d)                           | c3",
                "first_seen(within: 27d)                           | ''",
                "first_seen(within: 90d)                           | c1 c3",
                "first_seen(within: 91d)                           | c1 c3 c5",
                "not first_seen(within: 90d)                       | c2 c4 c5",
                "first_seen(from: 2025-10-01, to: 2025-11-30)      | c2 c5",
                "first_seen(from: 2025-10-02, to: 2025-11-29)      | ''",
                "first_seen(from: 2026-01-15, to: 2026-01-15)      | c1",
                "touchpoints(type: purchase) >= 1 and not first_seen(within: 30d) | c1 c2 c5"
            })
    void firstSeen(String rule, String expected) throws IOException {
        assertThat(members(rule)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void scoringQueryAndCountAgreeWithTheFilter() throws IOException {
        String rule = "touchpoints(type: purchase, within: 90d) >= 1 and not touchpoints(channel: web) >= 6";
        Query query = SegmentRuleTranslator.toQuery(SegmentRules.parse(rule), Instant.parse(NOW));

        SearchResponse<Void> scored =
                client.search(s -> s.index(INDEX).query(query).size(100), Void.class);
        long count = client.count(c -> c.index(INDEX).query(query)).count();

        assertThat(scored.hits().hits()).extracting(Hit::id).containsExactlyInAnyOrder("c1", "c2");
        assertThat(count).isEqualTo(2);
        assertThat(members(rule)).containsExactly("c1", "c2");
    }

    @Test
    void theAnswerDependsOnlyOnTheNowGiven() throws IOException {
        String rule = "touchpoints(type: purchase, within: 90d) >= 1";

        assertThat(members(rule, "2026-03-01T23:59:59Z")).containsExactly("c1", "c2");
        assertThat(members(rule, "2026-03-02T00:00:00Z")).containsExactly("c1");
        assertThat(members(rule, "2026-02-28T23:59:59Z")).containsExactly("c1", "c2", "c5");
    }

    private static List<String> members(String rule) throws IOException {
        return members(rule, NOW);
    }

    /** The ids matching {@code rule} at {@code now}, the query used as a filter the way segments use it, sorted. */
    private static List<String> members(String rule, String now) throws IOException {
        Query query = SegmentRuleTranslator.toQuery(SegmentRules.parse(rule), Instant.parse(now));
        SearchResponse<Void> response = client.search(
                s -> s.index(INDEX)
                        .query(q -> q.bool(b -> b.filter(query)))
                        .size(100)
                        .sort(o -> o.field(f -> f.field("id")))
                        .source(src -> src.fetch(false)),
                Void.class);
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    private static List<String> ids(String expected) {
        return expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+"));
    }

    private static void index(Profile profile) throws IOException {
        client.index(
                i -> i.index(INDEX).id(profile.id).document(profile.document).refresh(Refresh.False));
    }

    /** A profile document with only the fields the rules read. */
    private static final class Profile {
        final String id;
        final Map<String, Object> document = new LinkedHashMap<>();

        Profile(String id) {
            this.id = id;
            document.put("id", id);
            for (String list : List.of(
                    "activity",
                    "traitValues",
                    "identifiers",
                    "stages",
                    "lifetimeValue",
                    "segments",
                    "consents",
                    "consentsWithdrawn")) {
                document.put(list, new ArrayList<>());
            }
        }

        Profile firstSeen(String at) {
            document.put("firstSeenAt", at);
            return this;
        }

        Profile activity(String day, String type, String channel, String campaign, long count) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("day", day);
            bucket.put("type", type);
            bucket.put("channel", channel);
            if (campaign != null) {
                bucket.put("campaign", campaign);
            }
            bucket.put("count", count);
            return add("activity", bucket);
        }

        Profile trait(String name, Object value) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("keyword", String.valueOf(value));
            if (value instanceof Number number) {
                entry.put("number", number.doubleValue());
            }
            entry.put("text", String.valueOf(value));
            return add("traitValues", entry);
        }

        Profile identifier(String type) {
            return add("identifiers", Map.of("type", type, "value", type + "-" + id));
        }

        Profile stage(String model, String stage) {
            return add("stages", Map.of("model", model, "stage", stage));
        }

        Profile value(String currency, double amount, long purchases) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("currency", currency);
            entry.put("numeric", amount);
            entry.put("purchases", purchases);
            if (purchases > 0) {
                entry.put("averageOrderValue", amount / purchases);
            }
            return add("lifetimeValue", entry);
        }

        Profile segment(String segmentId) {
            return add("segments", segmentId);
        }

        Profile consent(String consent) {
            return add("consents", consent);
        }

        Profile withdrawn(String consent) {
            return add("consentsWithdrawn", consent);
        }

        @SuppressWarnings("unchecked")
        private Profile add(String list, Object value) {
            ((List<Object>) document.get(list)).add(value);
            return this;
        }
    }
}
