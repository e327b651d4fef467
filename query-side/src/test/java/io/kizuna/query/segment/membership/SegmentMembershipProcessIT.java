package io.kizuna.query.segment.membership;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.RecordSegmentMemberships;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefined;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.customer.CustomerViewWriter;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.customer.ProfileFold;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import io.kizuna.query.segment.catalog.SegmentCatalogReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.HttpHost;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live membership process against a real Elasticsearch holding profiles written by the projection's own fold and
 * writer, with a clock the test moves: it sends each customer the outcome of one search over all segments, plans the
 * next recheck where time alone changes an answer, and, when that recheck is due, records the change with cause
 * {@code time}. Commands are captured instead of handled (the customer's side is in CustomerSegmentsTest).
 */
class SegmentMembershipProcessIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    /** Today is 2026-03-01 (UTC); a visit of today leaves a one-day window at the midnight after tomorrow. */
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final Instant THAT_MIDNIGHT = Instant.parse("2026-03-03T00:00:00Z");

    private static ElasticsearchClient client;
    private static ViewIndexNames names;
    private static CustomerViewWriter writer;

    private final MovableClock clock = new MovableClock(NOW);
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong positions = new AtomicLong(100);
    private EmbeddedEventStore eventStore;
    private SegmentMembershipProcess process;

    @BeforeAll
    static void views() throws Exception {
        Rest5Client rest = Rest5Client.builder(
                        HttpHost.create(TestElasticsearch.url().toString()))
                .build();
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        names = new ViewIndexNames(PREFIX);
        new ViewIndexSetup(client, names).afterPropertiesSet();
        writer = new CustomerViewWriter(client, names);
    }

    @AfterAll
    static void dropIndices() throws IOException {
        client.indices().delete(d -> d.index(PREFIX + "*"));
    }

    @BeforeEach
    void process() {
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordSegmentMemberships.class.getName(), command -> sent.add(command.getPayload()));
        bus.subscribe(ScheduleSegmentRecheck.class.getName(), command -> sent.add(command.getPayload()));
        process = new SegmentMembershipProcess(
                new CurrentSegments(new SegmentCatalogReader(eventStore)),
                client,
                names,
                DefaultCommandGateway.builder().commandBus(bus).build(),
                eventStore,
                clock,
                new SegmentMembershipProperties(Duration.ofSeconds(5), 2));
    }

    private void define(String id, String rule) {
        long sequence = eventStore.lastSequenceNumberFor(SegmentCatalog.ID).orElse(-1L) + 1;
        eventStore.publish(new GenericDomainEventMessage<>(
                "SegmentDefinitions",
                SegmentCatalog.ID,
                sequence,
                new SegmentDefined(SegmentCatalog.ID, new SegmentDefinition(id, id, null, rule), 1, false, NOW)));
    }

    private void defineSegments() {
        define("recent_visitors", "touchpoints(type: web_visit, within: 1d) >= 1");
        define("visitors", "touchpoints(type: web_visit) >= 1");
        define("gold", "trait(plan) = \"gold\"");
    }

    /** A customer's profile as the projection writes it, after its registration and the given events. */
    private static ProfileDocument profile(String customerId, Object... events) {
        ProfileDocument profile = new ProfileDocument(customerId);
        ProfileFold.apply(profile, new CustomerRegistered(customerId, Identifier.of("crm", customerId), NOW), 0, NOW);
        for (int i = 0; i < events.length; i++) {
            ProfileFold.apply(profile, events[i], i + 1, NOW);
        }
        writer.writeProfiles(List.of(profile));
        return profile;
    }

    private static TouchpointRecorded visit(String customerId, String messageId, Instant at) {
        return new TouchpointRecorded(customerId, messageId, "web_visit", "web", at, at, null, null, Map.of());
    }

    /** Hands events to the process as one processor batch would: one unit of work, evaluated as it commits. */
    private void batch(Runnable... handlers) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (Runnable handler : handlers) {
            handler.run();
        }
        unitOfWork.commit();
    }

    private GlobalSequenceTrackingToken token() {
        return new GlobalSequenceTrackingToken(positions.incrementAndGet());
    }

    private static Map<String, Integer> allAtVersionOne() {
        return Map.of("recent_visitors", 1, "visitors", 1, "gold", 1);
    }

    @Test
    void aTouchpointIsEvaluatedAgainstEverySegmentAndTheNextChangeByTimeIsPlanned() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        TouchpointRecorded visit = visit(id, "m-1", NOW.minus(Duration.ofHours(1)));
        profile(id, visit);

        GlobalSequenceTrackingToken token = token();
        batch(() -> process.on(visit, 1, token));

        assertThat(sent)
                .containsExactly(
                        new RecordSegmentMemberships(
                                id,
                                allAtVersionOne(),
                                Set.of("recent_visitors", "visitors"),
                                SegmentMembershipProcess.CAUSE_EVENT,
                                "m-1",
                                token.getGlobalIndex(),
                                NOW),
                        new ScheduleSegmentRecheck(id, THAT_MIDNIGHT));
    }

    @Test
    void whenTheRecheckIsDueTheChangeTimeMadeIsRecordedWithCauseTime() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        profile(id, visit(id, "m-1", NOW.minus(Duration.ofHours(1))));

        clock.set(THAT_MIDNIGHT.plusSeconds(1));
        GlobalSequenceTrackingToken token = token();
        batch(() -> process.on(new SegmentRecheckDue(id, THAT_MIDNIGHT), 2, token));

        // the visit has left the one-day window; nothing else can change with time, so no recheck follows
        assertThat(sent)
                .containsExactly(new RecordSegmentMemberships(
                        id,
                        allAtVersionOne(),
                        Set.of("visitors"),
                        SegmentMembershipProcess.CAUSE_TIME,
                        null,
                        token.getGlobalIndex(),
                        THAT_MIDNIGHT.plusSeconds(1)));
    }

    @Test
    void aTouchpointTheViewShowsWhenARecheckFallsDueIsTheCauseRatherThanTime() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        CustomerRegistered registered = new CustomerRegistered(id, Identifier.of("crm", id), NOW);
        TouchpointRecorded visit = visit(id, "m-1", NOW.minus(Duration.ofHours(1)));
        SegmentRecheckDue due = new SegmentRecheckDue(id, THAT_MIDNIGHT);
        TouchpointRecorded another = visit(id, "m-2", THAT_MIDNIGHT);
        eventStore.publish(
                new GenericDomainEventMessage<>("Customer", id, 0, registered),
                new GenericDomainEventMessage<>("Customer", id, 1, visit),
                new GenericDomainEventMessage<>("Customer", id, 2, due),
                new GenericDomainEventMessage<>("Customer", id, 3, another));
        // the profile view has applied the visit after the due recheck (seq 3; the recheck itself changes nothing)
        ProfileDocument profile = profile(id, visit, due, another);
        assertThat(profile.lastSequence).isEqualTo(3);

        clock.set(THAT_MIDNIGHT.plusSeconds(1));
        batch(() -> process.on(due, 2, token()));

        assertThat(sent).first().isInstanceOfSatisfying(RecordSegmentMemberships.class, recorded -> {
            assertThat(recorded.matching()).contains("recent_visitors");
            assertThat(recorded.causeKind()).isEqualTo(SegmentMembershipProcess.CAUSE_EVENT);
            assertThat(recorded.causeMessageId()).isEqualTo("m-2");
        });
    }

    @Test
    void theEvaluationWaitsForTheProfileViewToShowTheEventsThatCausedIt() throws Exception {
        defineSegments();
        String id = UUID.randomUUID().toString();
        TouchpointRecorded visit = visit(id, "m-1", NOW);
        TraitsChanged gold = new TraitsChanged(id, Map.of("plan", "gold"), List.of(), NOW, "t-1");
        profile(id, visit);
        // the view applies the trait change (sequence 2) a moment after the process got it
        Thread late = new Thread(() -> {
            sleep(Duration.ofMillis(400));
            profile(id, visit, gold);
        });
        late.start();

        batch(() -> process.on(gold, 2, token()));
        late.join();

        assertThat(sent).first().isInstanceOfSatisfying(RecordSegmentMemberships.class, recorded -> assertThat(
                        recorded.matching())
                .containsExactlyInAnyOrder("recent_visitors", "visitors", "gold"));
    }

    @Test
    void customersOfOneBatchAreEvaluatedTogetherEachWithItsOwnCause() {
        defineSegments();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        TouchpointRecorded visitA = visit(a, "a-1", NOW);
        TraitsChanged goldB = new TraitsChanged(b, Map.of("plan", "gold"), List.of(), NOW, "b-1");
        TouchpointRecorded visitB = visit(b, "b-2", NOW);
        profile(a, visitA);
        profile(b, goldB, visitB);

        batch(
                () -> process.on(visitA, 1, token()),
                () -> process.on(goldB, 1, token()),
                () -> process.on(visitB, 2, token()));

        List<RecordSegmentMemberships> recorded = sent.stream()
                .filter(RecordSegmentMemberships.class::isInstance)
                .map(RecordSegmentMemberships.class::cast)
                .toList();
        assertThat(recorded).hasSize(2);
        RecordSegmentMemberships forA = recorded.stream()
                .filter(r -> r.customerId().equals(a))
                .findFirst()
                .orElseThrow();
        RecordSegmentMemberships forB = recorded.stream()
                .filter(r -> r.customerId().equals(b))
                .findFirst()
                .orElseThrow();
        assertThat(forA.matching()).containsExactlyInAnyOrder("recent_visitors", "visitors");
        assertThat(forA.causeMessageId()).isEqualTo("a-1");
        assertThat(forB.matching()).containsExactlyInAnyOrder("recent_visitors", "visitors", "gold");
        // two messages changed b in this batch: no single one can be named, the position still says up to where
        assertThat(forB.causeMessageId()).isNull();
        assertThat(forB.causePosition()).isEqualTo(positions.get());
    }

    @Test
    void whenTheViewShowsMoreThanTheBatchTheEventsBeyondItCountAmongTheCauses() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        CustomerRegistered registered = new CustomerRegistered(id, Identifier.of("crm", id), NOW);
        TouchpointRecorded visit = visit(id, "m-1", NOW);
        // one append of the customer, split over two processor batches; the view has applied all of it
        eventStore.publish(
                new GenericDomainEventMessage<>("Customer", id, 0, registered),
                new GenericDomainEventMessage<>("Customer", id, 1, visit));
        profile(id, visit);

        batch(() -> process.on(registered, 0, token()));

        assertThat(sent).first().isInstanceOfSatisfying(RecordSegmentMemberships.class, recorded -> {
            assertThat(recorded.matching()).contains("visitors");
            assertThat(recorded.causeMessageId()).isEqualTo("m-1");
        });
    }

    @Test
    void theCustomersOwnChangeNamesTheCauseRatherThanTheCauseOfAnEntryItAlsoReflects() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        TouchpointRecorded visit = visit(id, "m-1", NOW);
        CustomerEnteredSegment enteredBefore =
                new CustomerEnteredSegment(id, "visitors", 1, NOW, SegmentMembershipProcess.CAUSE_EVENT, "m-0", 7L);
        profile(id, enteredBefore, visit);

        batch(() -> process.on(enteredBefore, 1, token()), () -> process.on(visit, 2, token()));

        assertThat(sent).first().isInstanceOfSatisfying(RecordSegmentMemberships.class, recorded -> assertThat(
                        recorded.causeMessageId())
                .isEqualTo("m-1"));
    }

    @Test
    void aCustomerMergedAwayIsNotEvaluated() {
        defineSegments();
        String id = UUID.randomUUID().toString();
        TouchpointRecorded visit = visit(id, "m-1", NOW);
        CustomerMergedInto merged = new CustomerMergedInto(
                id, UUID.randomUUID().toString(), List.of(), MergeCause.message("m-2", null), NOW);
        profile(id, visit, merged);

        batch(() -> process.on(visit, 1, token()));

        assertThat(sent).isEmpty();
    }

    @Test
    void withoutSegmentsNothingIsEvaluated() {
        String id = UUID.randomUUID().toString();
        TouchpointRecorded visit = visit(id, "m-1", NOW);
        profile(id, visit);

        batch(() -> process.on(visit, 1, token()));

        assertThat(sent).isEmpty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test sets. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
