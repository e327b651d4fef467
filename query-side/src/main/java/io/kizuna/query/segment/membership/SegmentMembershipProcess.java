package io.kizuna.query.segment.membership;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.RecordSegmentMemberships;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.query.segment.membership.CurrentSegments.Evaluable;
import io.kizuna.query.segment.membership.ProfileSnapshots.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps every customer's segment memberships current, live: whenever something that can change a rule's answer
 * happens to a customer (a touchpoint, a trait, an identifier, a journey stage, a merge, an entry into or exit from
 * another segment), or time alone may have changed it ({@link SegmentRecheckDue}), the customer's segments are
 * evaluated and the outcome recorded on the customer ({@link RecordSegmentMemberships}), which records the entries
 * and exits.
 *
 * <p>Per processor batch: the customers it touched are collected with the highest sequence number of their events;
 * before the batch's token is stored, the process waits until the profile view has applied those events (a real-time
 * read, at most {@code kizuna.segments.membership.view-wait}); evaluates every current segment for all of the batch's
 * customers in one search ({@link SegmentEvaluator}, which refreshes the profile index first when the search does not
 * show those events yet); sends each customer its outcome; and, when some segment's rule depends on time, asks the
 * customer for a recheck at the next instant time alone can change an answer ({@link RecheckPlanner}). A batch that
 * fails is retried; recording the same outcome twice changes nothing, and the customer ignores an evaluation older
 * than the last change it recorded.
 *
 * <p>Causes: {@code event} with the message id of the touchpoint or trait message that changed the customer, when the
 * events the evaluation reflects (the batch's events of the customer, and those the profile view already shows beyond
 * them) trace back to exactly one message (a customer's own changes take precedence over its entries into other
 * segments, whose causes are recorded with them), and the global position of the customer's newest event in the
 * batch; {@code time} when only a due recheck brought the customer here. One evaluation decides every segment, so
 * when several messages are reflected none is named: the position still says up to where the evaluation saw.
 *
 * <p>Segments of segments lag one hop: {@code segment(x)} reads the profile's {@code segments}, which shows an entry
 * into x only once the profile view has applied the {@code CustomerEnteredSegment} this evaluation records; that
 * event brings the customer back here, and the next evaluation (a moment later) decides the segments built on x. A
 * chain of n segments settles after n evaluations; cycles are refused when segments are defined.
 *
 * <p>Replays are skipped: old events say nothing about a customer's segments now.
 */
@Component
@ProcessingGroup(SegmentMembershipProcess.PROCESSING_GROUP)
@DisallowReplay
public class SegmentMembershipProcess implements DisposableBean {

    public static final String PROCESSING_GROUP = "segment-membership";
    /** Cause of an evaluation made because the customer changed. */
    public static final String CAUSE_EVENT = "event";
    /** Cause of an evaluation made because time alone may have changed an answer. */
    public static final String CAUSE_TIME = "time";

    private static final Logger log = LoggerFactory.getLogger(SegmentMembershipProcess.class);
    private static final String BATCH = SegmentMembershipProcess.class.getName() + ".batch";
    /** The events this process evaluates a customer after (besides a due recheck). */
    private static final Set<Class<?>> CAUSES = Set.of(
            TouchpointRecorded.class,
            TraitsChanged.class,
            IdentifierAdded.class,
            CustomerRegistered.class,
            JourneyStageEntered.class,
            CustomerAbsorbed.class,
            CustomerEnteredSegment.class,
            CustomerLeftSegment.class,
            ConsentGiven.class,
            ConsentWithdrawn.class);

    private final CurrentSegments segments;
    private final ProfileSnapshots profiles;
    private final SegmentEvaluator evaluator;
    private final CommandGateway commands;
    private final Clock clock;
    private final EventStore eventStore;
    private final Duration viewWait;
    private final ExecutorService senders;

    public SegmentMembershipProcess(
            CurrentSegments segments,
            ElasticsearchClient client,
            ViewIndexNames names,
            CommandGateway commands,
            EventStore eventStore,
            Clock clock,
            SegmentMembershipProperties properties) {
        this.segments = segments;
        this.profiles = new ProfileSnapshots(client, names);
        this.viewWait = properties.viewWait();
        this.evaluator = new SegmentEvaluator(client, names);
        this.commands = commands;
        this.clock = clock;
        this.eventStore = eventStore;
        AtomicInteger threads = new AtomicInteger();
        // commands go out on threads of their own: each is its own unit of work and transaction, committed before
        // this batch's token, instead of joining (and holding customers' locks for) the processor's unit of work
        this.senders = Executors.newFixedThreadPool(Math.max(1, properties.concurrency()), r -> {
            Thread t = new Thread(r, "kizuna-segment-membership-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @EventHandler
    void on(TouchpointRecorded event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(TraitsChanged event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(IdentifierAdded event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(JourneyStageEntered event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    /** The survivor of a merge now has the absorbed customer's history. */
    @EventHandler
    void on(CustomerAbsorbed event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    /** Segments built on this one ({@code segment(x)}) may change their answer. */
    @EventHandler
    void on(CustomerEnteredSegment event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(CustomerLeftSegment event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    /** {@code consent(...)} conditions may change their answer: a withdrawal takes the customer out at once. */
    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence, TrackingToken token) {
        batch().changed(event.customerId(), sequence, token, event);
    }

    /** Time alone may have changed an answer. Nothing in the profile depends on this event: no need to wait for it. */
    @EventHandler
    void on(SegmentRecheckDue event, @SequenceNumber long sequence, TrackingToken token) {
        batch().due(event.customerId(), sequence, token);
    }

    /** The message an event of the customer traces back to: a touchpoint or trait message, or what caused a move. */
    private static String messageIdBehind(Object event) {
        if (event instanceof TouchpointRecorded touchpoint) {
            return touchpoint.messageId();
        }
        if (event instanceof TraitsChanged traits) {
            return traits.messageId();
        }
        if (event instanceof JourneyStageEntered stage) {
            return stage.causeMessageId();
        }
        if (event instanceof CustomerEnteredSegment entered) {
            return entered.causeMessageId();
        }
        if (event instanceof CustomerLeftSegment left) {
            return left.causeMessageId();
        }
        if (event instanceof ConsentGiven given) {
            return given.messageId();
        }
        if (event instanceof ConsentWithdrawn withdrawn) {
            return withdrawn.messageId();
        }
        return null;
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            root.onPrepareCommit(u -> evaluate(batch));
            return batch;
        });
    }

    /** What brought one customer into a batch. */
    private static final class Change {
        /** The profile must have applied this sequence number; -1: any state of the profile will do. */
        long sequence = -1;
        /** The newest of the customer's events in the batch, a due recheck included. */
        long seen = -1;

        long position = -1;
        boolean byEvent;
        /** Whether a change of the customer itself is among the causes (not only entries into or exits from segments). */
        boolean ownChange;

        final Set<String> ownMessageIds = new HashSet<>();
        final Set<String> segmentMessageIds = new HashSet<>();

        /**
         * Notes an event among the causes. The messages behind the customer's own changes (touchpoints, traits, stage
         * moves) name the cause; those behind entries into and exits from other segments only when there is no own
         * change: they are causes of causes, already recorded with those entries and exits.
         */
        void note(Object event) {
            byEvent = true;
            String messageId = messageIdBehind(event);
            boolean segmentChange = event instanceof CustomerEnteredSegment || event instanceof CustomerLeftSegment;
            ownChange |= !segmentChange;
            if (messageId != null) {
                (segmentChange ? segmentMessageIds : ownMessageIds).add(messageId);
            }
        }

        String causeKind() {
            return byEvent ? CAUSE_EVENT : CAUSE_TIME;
        }

        String causeMessageId() {
            Set<String> named = ownChange ? ownMessageIds : segmentMessageIds;
            return named.size() == 1 ? named.iterator().next() : null;
        }

        /**
         * The profile may show more than this batch holds (the rest of an append, or a touchpoint that came while a
         * recheck fell due, can come in the next batch): the evaluation reflects those events too, so they count among
         * its causes. Read only when the view is ahead.
         */
        void alsoShown(String customerId, long shownUpTo, EventStore eventStore) {
            if (shownUpTo <= seen) {
                return;
            }
            DomainEventStream later = eventStore.readEvents(customerId, seen + 1);
            while (later.hasNext()) {
                DomainEventMessage<?> event = later.next();
                if (event.getSequenceNumber() > shownUpTo) {
                    return;
                }
                if (CAUSES.contains(event.getPayloadType())) {
                    note(event.getPayload());
                }
            }
        }

        Long causePosition() {
            return position < 0 ? null : position;
        }
    }

    /** The customers of one unit of work, in order of their first event. */
    private static final class Batch {

        final Map<String, Change> changes = new LinkedHashMap<>();

        void changed(String customerId, long sequence, TrackingToken token, Object event) {
            Change change = change(customerId, sequence, token);
            change.sequence = Math.max(change.sequence, sequence);
            change.note(event);
        }

        void due(String customerId, long sequence, TrackingToken token) {
            change(customerId, sequence, token);
        }

        private Change change(String customerId, long sequence, TrackingToken token) {
            Change change = changes.computeIfAbsent(customerId, id -> new Change());
            change.seen = Math.max(change.seen, sequence);
            if (token != null) {
                change.position = Math.max(change.position, token.position().orElse(-1));
            }
            return change;
        }
    }

    private void evaluate(Batch batch) {
        List<Evaluable> current = segments.segments();
        if (current.isEmpty() || batch.changes.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + viewWait.toNanos();
        Map<String, Long> wanted = new LinkedHashMap<>();
        batch.changes.forEach((id, change) -> wanted.put(id, change.sequence));
        Map<String, Snapshot> snapshots = profiles.await(wanted, deadline);
        // the search must see each profile as the real-time read did, or newer
        Map<String, Long> shown = new LinkedHashMap<>();
        batch.changes.keySet().stream()
                .filter(id -> snapshots.containsKey(id) && !snapshots.get(id).mergedAway())
                .forEach(id -> shown.put(id, snapshots.get(id).lastSequence()));
        if (shown.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, SegmentEvaluator.Result> results = evaluator.matching(shown, current, now);
        // the evaluation reflects the events up to the version searched: those beyond the batch are causes too
        results.forEach((id, result) -> batch.changes.get(id).alsoShown(id, result.lastSequence(), eventStore));
        List<String> customerIds = List.copyOf(shown.keySet());
        Map<String, Integer> evaluated = new LinkedHashMap<>();
        current.forEach(s -> evaluated.put(s.id(), s.version()));
        List<SegmentRule> timeRelative = current.stream()
                .filter(Evaluable::dependsOnTime)
                .map(Evaluable::rule)
                .toList();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (String customerId : customerIds) {
            SegmentEvaluator.Result result = results.get(customerId);
            if (result == null) {
                continue; // merged away since the profile was read, or not searchable in time
            }
            Set<String> matched = result.matching();
            Change change = batch.changes.get(customerId);
            List<Object> outcome = new ArrayList<>();
            outcome.add(new RecordSegmentMemberships(
                    customerId,
                    evaluated,
                    matched,
                    change.causeKind(),
                    change.causeMessageId(),
                    change.causePosition(),
                    now));
            if (!timeRelative.isEmpty()) {
                RecheckPlanner.next(timeRelative, snapshots.get(customerId).activity(), now)
                        .ifPresent(at -> outcome.add(new ScheduleSegmentRecheck(customerId, at)));
            }
            sent.add(CompletableFuture.runAsync(() -> send(outcome), senders));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** One customer's commands, in order: its memberships, then its next recheck. */
    private void send(List<Object> outcome) {
        for (Object command : outcome) {
            try {
                commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (mergedAway(e)) {
                    log.debug("Segment membership skips a customer merged away meanwhile");
                    return;
                }
                throw e;
            }
        }
    }

    private static boolean mergedAway(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CustomerMergedException || t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
