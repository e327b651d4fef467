package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.MgetResponse;
import io.kizuna.projection.customer.CustomerViewProjection;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexGenerations;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * rebuildViews builds new indices from the event store while the current ones keep serving, then moves the aliases
 * to them and drops the old ones: clients reading all along never see an error or a missing customer, and the
 * rebuilt views hold what the live ones held.
 */
class ZeroDowntimeRebuildIT extends PlatformIT {

    private static final int CUSTOMERS = 200;
    private static final int TOUCHPOINTS_EACH = 5;
    private static final int BATCH = 50;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ViewIndexGenerations generations;

    @Autowired
    ViewIndexNames names;

    private record Known(String id, String crm) {}

    @Test
    void readersSeeEveryCustomerThroughoutARebuildThatEndsOnNewIndices() throws Exception {
        List<Known> known = recordCustomers();
        StreamingEventProcessor live = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        // segment and journey decisions append events to the customers after the recording: let them settle
        awaitQuietEventStore();
        awaitCaughtUp(live);
        // searches see the live views' latest writes only after a refresh (1 s); from here on, every read must see all
        elasticsearch.indices().refresh(r -> r.index(INDEX_PREFIX + "*"));
        Map<String, Map<String, Object>> profilesBefore = profiles(known);
        Map<ViewIndex, List<String>> indicesBefore = serving();

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                GraphQlClient client = graphql();
                while (reading.get()) {
                    Known customer = known.get(ThreadLocalRandom.current().nextInt(known.size()));
                    try {
                        checkRead(client, customer).ifPresent(failures::add);
                    } catch (RuntimeException e) {
                        failures.add(customer.id() + ": " + e);
                    }
                    reads.incrementAndGet();
                }
            });
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }

        JsonNode job;
        List<String> views = new ArrayList<>();
        boolean progressSeen = false;
        try {
            JsonNode started = graphql().document("rebuildViews", "views", null);
            assertThat(started.get("errors")).as(started.toString()).isNull();
            job = started.get("data").get("rebuildViews");
            String id = job.get("id").asString();
            assertThat(id).startsWith("rebuild-");
            assertThat(job.get("kind").asString()).isEqualTo("VIEW_REBUILD");
            job.get("views").forEach(view -> views.add(view.asString()));
            assertThat(views).contains("profiles", "timeline", "stage-transitions", "sources");
            JsonNode again = graphql().document("rebuildViews", "views", List.of("sources", "profiles"));
            assertThat(again.get("data").get("rebuildViews").get("id").asString())
                    .as("a request for the views of a running rebuild answers that rebuild")
                    .isEqualTo(id);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
            while (true) {
                JsonNode polled = graphql().document("rebuildJob", "id", id);
                assertThat(polled.get("errors")).as(polled.toString()).isNull();
                job = polled.get("data").get("rebuildJob");
                String state = job.get("state").asString();
                long done = job.get("done").asLong();
                long total = job.get("total").asLong();
                if (state.equals("RUNNING") && done > 0 && done < total) {
                    progressSeen = true;
                    assertThat(job.get("ratePerSecond").asDouble()).isPositive();
                    assertThat(job.get("etaSeconds").isNull()).isFalse();
                }
                if (!state.equals("RUNNING") || Instant.now().isAfter(deadline)) {
                    break;
                }
                Thread.sleep(10);
            }
            // a little more reading on the new indices
            Thread.sleep(500);
        } finally {
            reading.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            // later tests (a processor reset) must not meet this rebuild, even if it failed here
            awaitNoRebuild();
        }

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("done").asLong()).isEqualTo(job.get("total").asLong());
        assertThat(job.get("finishedAt").isNull()).isFalse();
        assertThat(progressSeen)
                .as("RUNNING with 0 < done < total seen at least once")
                .isTrue();
        assertThat(failures).as("reads during the rebuild (of %d)", reads.get()).isEmpty();
        assertThat(reads.get()).isGreaterThan(20);

        Map<ViewIndex, List<String>> indicesAfter = serving();
        for (ViewIndex view : indicesAfter.keySet()) {
            if (!views.contains(view.viewName())) {
                assertThat(indicesAfter.get(view)).isEqualTo(indicesBefore.get(view));
                continue;
            }
            assertThat(indicesAfter.get(view)).hasSize(1);
            String now = indicesAfter.get(view).get(0);
            assertThat(now).matches(names.currentIndex(view) + "-g[0-9]+");
            assertThat(indicesBefore.get(view)).doesNotContain(now);
            for (String old : indicesBefore.get(view)) {
                assertThat(elasticsearch.indices().exists(e -> e.index(old)).value())
                        .as("old index %s dropped", old)
                        .isFalse();
            }
        }
        // the rebuilt profiles are what the live ones were; a customer whose history grew meanwhile (a late segment
        // decision, say) must have lost nothing
        Map<String, Map<String, Object>> profilesAfter = profiles(known);
        int unchanged = 0;
        for (Map.Entry<String, Map<String, Object>> before : profilesBefore.entrySet()) {
            Map<String, Object> after = profilesAfter.get(before.getKey());
            long sequenceBefore = ((Number) before.getValue().get("lastSequence")).longValue();
            long sequenceAfter = ((Number) after.get("lastSequence")).longValue();
            assertThat(sequenceAfter).as(before.getKey()).isGreaterThanOrEqualTo(sequenceBefore);
            if (sequenceAfter == sequenceBefore) {
                assertThat(after).as(before.getKey()).isEqualTo(before.getValue());
                unchanged++;
            }
        }
        assertThat(unchanged).isGreaterThanOrEqualTo(CUSTOMERS * 9 / 10);

        // the live processor writes into the new indices from now on
        Known one = known.get(0);
        JsonNode recorded = graphql()
                .document("recordTouchpoints", "input", List.of(touchpoint(one.crm(), "after-rebuild")))
                .get("data")
                .get("recordTouchpoints");
        JsonNode customer = graphql()
                .document(
                        "customerTimeline",
                        "id",
                        one.id(),
                        "token",
                        recorded.get("consistencyToken").asString())
                .get("data")
                .get("customer");
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(TOUCHPOINTS_EACH + 1);
        awaitCaughtUp(live);
        assertThat(live.processingStatus().values()).noneMatch(s -> s.isErrorState());
    }

    @Test
    void anUnknownViewIsRefusedByItsPosition() {
        JsonNode response = graphql().document("rebuildViews", "views", List.of("profiles", "profile"));
        JsonNode error = response.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("views[1]");
        assertThat(error.get("message").asString()).contains("profiles, timeline");
    }

    @Test
    void anUnknownJobIsNull() {
        JsonNode response = graphql().document("rebuildJob", "id", "rebuild-000000000000");
        assertThat(response.get("errors")).isNull();
        assertThat(response.get("data").get("rebuildJob").isNull()).isTrue();
    }

    /** A customer by id with its timeline, and a search for it by its identifier: answered, complete, no errors. */
    private static Optional<String> checkRead(GraphQlClient client, Known known) {
        JsonNode byId = client.document("customerTimeline", "id", known.id(), "first", 10);
        if (byId.get("errors") != null) {
            return Optional.of("customer " + known.id() + ": " + byId.get("errors"));
        }
        JsonNode customer = byId.get("data").get("customer");
        if (customer == null || customer.isNull()) {
            return Optional.of("customer " + known.id() + " missing");
        }
        int entries = customer.get("timeline").get("edges").size();
        if (customer.get("touchpointCount").asInt() != TOUCHPOINTS_EACH || entries != TOUCHPOINTS_EACH) {
            return Optional.of("customer " + known.id() + " incomplete: " + customer.get("touchpointCount")
                    + " touchpoints, " + entries + " timeline entries");
        }
        JsonNode search = client.document("searchCustomers", "query", known.crm(), "first", 5);
        if (search.get("errors") != null) {
            return Optional.of("search " + known.crm() + ": " + search.get("errors"));
        }
        for (JsonNode edge : search.get("data").get("customers").get("edges")) {
            if (edge.get("node").get("id").asString().equals(known.id())) {
                return Optional.empty();
            }
        }
        return Optional.of("search for " + known.crm() + " did not find " + known.id());
    }

    private List<Known> recordCustomers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> crms = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            crms.add("zr-" + run + "-" + c);
        }
        int customersPerBatch = BATCH / TOUCHPOINTS_EACH;
        List<Known> known = new ArrayList<>();
        for (int first = 0; first < CUSTOMERS; first += customersPerBatch) {
            List<String> batch = crms.subList(first, Math.min(CUSTOMERS, first + customersPerBatch));
            List<Map<String, Object>> input = new ArrayList<>();
            for (String crm : batch) {
                for (int t = 0; t < TOUCHPOINTS_EACH; t++) {
                    input.add(touchpoint(crm, crm + "-" + t));
                }
            }
            JsonNode response = graphql().document("recordTouchpoints", "input", input);
            assertThat(response.get("errors")).as(response.toString()).isNull();
            JsonNode ids = response.get("data").get("recordTouchpoints").get("customerIds");
            assertThat(ids.size()).isEqualTo(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                known.add(new Known(ids.get(i).asString(), batch.get(i)));
            }
        }
        return known;
    }

    private static Map<String, Object> touchpoint(String crm, String messageId) {
        return Map.of(
                "messageId",
                messageId,
                "customer",
                Map.of("type", "crm", "value", crm),
                "type",
                "web_visit",
                "channel",
                "web",
                "occurredAt",
                Instant.now().minusSeconds(3600).toString());
    }

    private Map<ViewIndex, List<String>> serving() throws IOException {
        Map<ViewIndex, List<String>> serving = new EnumMap<>(ViewIndex.class);
        for (ViewIndex view : ViewIndex.values()) {
            serving.put(view, generations.serving(view));
        }
        return serving;
    }

    /** Waits until no event has been stored for two seconds. */
    private void awaitQuietEventStore() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long head = eventStore.createHeadToken().position().orElse(-1);
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(deadline)
                && Duration.between(quietSince, Instant.now()).compareTo(Duration.ofSeconds(2)) < 0) {
            Thread.sleep(200);
            long now = eventStore.createHeadToken().position().orElse(-1);
            if (now != head) {
                head = now;
                quietSince = Instant.now();
            }
        }
    }

    private void awaitNoRebuild() {
        Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> Arrays.stream(ViewIndex.values())
                .allMatch(view -> generations.claimant(view).isEmpty()));
    }

    /** The stored profiles, as JSON, without updatedAt (the time the fold ran). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Map<String, Object>> profiles(List<Known> known) throws IOException {
        MgetResponse<Map> response = elasticsearch.mget(
                m -> m.index(names.alias(ViewIndex.PROFILES))
                        .ids(known.stream().map(Known::id).toList()),
                Map.class);
        Map<String, Map<String, Object>> profiles = new HashMap<>();
        response.docs().forEach(doc -> {
            assertThat(doc.result().found()).as(doc.result().id()).isTrue();
            Map<String, Object> source = new HashMap<>(doc.result().source());
            source.remove("updatedAt");
            profiles.put(doc.result().id(), source);
        });
        return profiles;
    }
}
