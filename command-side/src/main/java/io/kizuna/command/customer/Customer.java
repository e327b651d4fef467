package io.kizuna.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.kizuna.api.consent.Consent;
import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentRecorded;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.consent.RecordConsent;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.customer.TraitsUpdate;
import io.kizuna.api.customer.TraitsUpdateResult;
import io.kizuna.api.customer.UpdateTraits;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyReevaluated;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.ReevaluateJourney;
import io.kizuna.api.merge.AbsorbCustomer;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.DescribeCustomer;
import io.kizuna.api.merge.MarkMerged;
import io.kizuna.api.merge.MergeRefused;
import io.kizuna.api.merge.RecordMergeRefusal;
import io.kizuna.api.privacy.CustomerForgotten;
import io.kizuna.api.privacy.ForgetCustomer;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.RecordSegmentMemberships;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.journey.CurrentJourneyModels;
import io.kizuna.command.journey.InactivityCheck;
import io.kizuna.command.journey.JourneyPositions;
import io.kizuna.command.journey.StageRules;
import io.kizuna.command.journey.TouchpointFact;
import io.kizuna.command.segment.SegmentPositions;
import io.kizuna.command.segment.SegmentRecheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One customer's journey, event-sourced: every touchpoint, identifier and trait change is an event on this
 * aggregate. Invariant: a messageId is stored at most once per customer, for all time, so integrators may retry
 * freely; a batch with one invalid touchpoint stores nothing.
 */
@Aggregate(
        cache = "customerCache",
        snapshotTriggerDefinition = "customerSnapshotTrigger",
        snapshotFilter = "customerSnapshotFilter")
// the snapshot's shape: bump it when the fields change; snapshots of another revision are ignored (full replay)
@Revision(Customer.SNAPSHOT_REVISION)
// snapshots store the aggregate's own fields (not final: Jackson 3 does not write final fields); it has no getters
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Customer {

    /** Revision 2: with journey positions; 3: with segment memberships; 4: with consents. */
    public static final String SNAPSHOT_REVISION = "5";

    @AggregateIdentifier
    private String customerId;

    private Set<Identifier> identifiers = new HashSet<>();
    private Set<String> messageIds = new HashSet<>();
    private Map<String, Object> traits = new HashMap<>();
    private Set<String> absorbed = new HashSet<>();
    private Instant registeredAt;
    private String mergedInto;
    private long lastSequence = -1;
    /** The customer's touchpoints as journey rules see them, and its stage in each journey model. */
    private JourneyPositions journeys = new JourneyPositions();
    /** The segments the customer is in, and the recheck of time-relative segments it waits for. */
    private SegmentPositions segments = new SegmentPositions();
    /** The customer's consent answers by {@link Consents#key}, and the messages they came with. */
    private Map<String, Consent> consents = new HashMap<>();

    private Set<String> consentMessageIds = new HashSet<>();

    /** When the customer was forgotten (erasure), or null. */
    private Instant forgottenAt;

    protected Customer() {
        // for Axon: created empty, then built from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TouchpointsRecorded handle(
            RecordTouchpoints command, Clock clock, CurrentJourneyModels models, DeadlineManager deadlines) {
        rejectIfMergedAway();
        Instant now = clock.instant();
        boolean linkOnly = command.touchpoints().isEmpty()
                && command.traitUpdates().isEmpty()
                && command.consentChanges().isEmpty();
        if (!linkOnly || command.identifiers() == null || command.identifiers().isEmpty()) {
            rejectInvalid(
                    command.touchpoints(),
                    command.traitUpdates().isEmpty() && command.consentChanges().isEmpty(),
                    now);
        }
        rejectInvalidConsent(command.consentChanges());
        knowBy(command.customerId(), command.identifiers(), now);
        int accepted = 0;
        int duplicates = 0;
        for (TraitsUpdate update : command.traitUpdates()) {
            if (applyTraits(update.messageId(), update.traits(), now) == TraitsOutcome.DUPLICATE) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        int known = journeys.known();
        for (Touchpoint t : command.touchpoints()) {
            if (messageIds.contains(t.messageId())) {
                duplicates++;
                continue;
            }
            apply(new TouchpointRecorded(
                    customerId,
                    t.messageId(),
                    t.type(),
                    t.channel(),
                    t.occurredAt(),
                    now,
                    t.campaign(),
                    t.value(),
                    t.properties(),
                    command.sourceId()));
            accepted++;
        }
        journeys.decide(known, models.all(), deadlines, now, recorder(now));
        recordConsent(command.consentChanges(), command.sourceId());
        return new TouchpointsRecorded(customerId, accepted, duplicates, lastSequence);
    }

    /**
     * Records consent answers of the customer (a person's, through GraphQL, or an integrator's). Only answers that
     * change something become events: the same answer again, an answer of a message already recorded, or one dated
     * before the answer in force is left out, so repeats and retries store nothing.
     */
    @CommandHandler
    public ConsentRecorded handle(RecordConsent command) {
        rejectIfMergedAway();
        rejectIfForgotten();
        rejectInvalidConsent(command.changes());
        int recorded = recordConsent(command.changes(), command.sourceId());
        return new ConsentRecorded(customerId, recorded, lastSequence);
    }

    private int recordConsent(List<ConsentChange> changes, String sourceId) {
        Set<String> knownMessages = Set.copyOf(consentMessageIds);
        int recorded = 0;
        for (ConsentChange change : changes) {
            if (change.messageId() != null && knownMessages.contains(change.messageId())) {
                continue;
            }
            if (!Consents.changes(consents, change.consent())) {
                continue;
            }
            if (change.granted()) {
                apply(new ConsentGiven(
                        customerId, change.purpose(), change.channel(), change.at(), sourceId, change.messageId()));
            } else {
                apply(new ConsentWithdrawn(
                        customerId, change.purpose(), change.channel(), change.at(), sourceId, change.messageId()));
            }
            recorded++;
        }
        return recorded;
    }

    private static void rejectInvalidConsent(List<ConsentChange> changes) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange change = changes.get(i);
            String prefix = "consent[" + i + "]";
            violations.addAll(Consents.validate(change.purpose(), change.channel(), prefix));
            if (change.at() == null) {
                violations.add(new Violation(prefix + ".at", "a consent answer needs its time"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Applies this customer's events for the journey decisions made at {@code now}. */
    private JourneyPositions.Recorder recorder(Instant now) {
        return new JourneyPositions.Recorder() {
            @Override
            public void entered(
                    JourneyModel model, String from, StageRules.Move move, String causeKind, String causeMessageId) {
                apply(new JourneyStageEntered(
                        customerId,
                        model.id(),
                        model.version(),
                        from,
                        move.to(),
                        move.at(),
                        causeKind,
                        causeMessageId,
                        now));
            }

            @Override
            public void reevaluated(JourneyModel model, String stage) {
                apply(new JourneyReevaluated(customerId, model.id(), model.version(), stage, now));
            }
        };
    }

    /** An inactivity deadline fell due: the customer lapses unless a touchpoint since has kept it active. */
    @DeadlineHandler(deadlineName = InactivityCheck.DEADLINE_NAME)
    void on(InactivityCheck check, CurrentJourneyModels models, DeadlineManager deadlines, Clock clock) {
        if (mergedInto != null) {
            return;
        }
        Instant now = clock.instant().isBefore(check.due()) ? check.due() : clock.instant();
        journeys.onDeadline(check, JourneyPositions.find(models.all(), check.model()), deadlines, now, recorder(now));
    }

    /** Re-evaluates the customer under the current version of a model. Repeating it changes nothing. */
    @CommandHandler
    public long handle(ReevaluateJourney command, CurrentJourneyModels models, DeadlineManager deadlines, Clock clock) {
        rejectIfMergedAway();
        JourneyModel model = models.atLeast(command.model(), command.version());
        if (model != null) {
            Instant now = clock.instant();
            journeys.reevaluateIfOlder(model, deadlines, now, recorder(now));
        }
        return lastSequence;
    }

    /**
     * Records the outcome of an evaluation of the customer's segments: entries and exits where membership changed,
     * nothing where it did not (repeating an evaluation is harmless). An evaluation made before the last recorded
     * change of a segment is ignored for that segment, so a late one cannot undo a newer one.
     */
    @CommandHandler
    public long handle(RecordSegmentMemberships command) {
        rejectIfMergedAway();
        if (command.at() == null || command.evaluated() == null) {
            throw new IllegalArgumentException("an evaluation of segments needs its time and the segments evaluated");
        }
        Set<String> matching = command.matching() == null ? Set.of() : command.matching();
        segments.decide(command.evaluated(), matching, command.at(), new SegmentPositions.Recorder() {
            @Override
            public void entered(String segmentId, int version) {
                apply(new CustomerEnteredSegment(
                        customerId,
                        segmentId,
                        version,
                        command.at(),
                        command.causeKind(),
                        command.causeMessageId(),
                        command.causePosition()));
            }

            @Override
            public void left(String segmentId, int version) {
                apply(new CustomerLeftSegment(
                        customerId,
                        segmentId,
                        version,
                        command.at(),
                        command.causeKind(),
                        command.causeMessageId(),
                        command.causePosition()));
            }
        });
        return lastSequence;
    }

    /**
     * Asks for a re-evaluation of the customer's segments at a time when a time-relative rule would change its
     * answer. Only the earliest pending recheck is kept (with its deadline); a later one is already covered, since
     * the evaluation at the earlier one schedules the next.
     */
    @CommandHandler
    public long handle(ScheduleSegmentRecheck command, DeadlineManager deadlines) {
        rejectIfMergedAway();
        if (command.at() == null) {
            throw new IllegalArgumentException("a segment recheck needs its time");
        }
        if (segments.wantsRecheck(command.at())) {
            apply(new SegmentRecheckScheduled(customerId, command.at()));
            deadlines.schedule(command.at(), SegmentRecheck.DEADLINE_NAME, new SegmentRecheck(command.at()));
        }
        return lastSequence;
    }

    /**
     * A segment recheck fell due: records that the segments are to be evaluated again, if it is still the pending
     * one (a deadline superseded by an earlier recheck is void).
     */
    @DeadlineHandler(deadlineName = SegmentRecheck.DEADLINE_NAME)
    void on(SegmentRecheck recheck) {
        if (mergedInto == null && segments.isPendingRecheck(recheck.at())) {
            apply(new SegmentRecheckDue(customerId, recheck.at()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TraitsUpdateResult handle(UpdateTraits command, Clock clock) {
        rejectIfMergedAway();
        Map<String, Object> requested = command.traits() == null ? Map.of() : command.traits();
        List<Identifier> named = command.identifiers() == null ? List.of() : command.identifiers();
        if (requested.isEmpty() && named.isEmpty()) {
            throw new InvalidInputException("traits", "give at least one trait to set (or to remove with null)");
        }
        if (command.messageId() != null && messageIds.contains(command.messageId())) {
            return new TraitsUpdateResult(customerId, false, true, lastSequence);
        }
        Instant now = clock.instant();
        knowBy(command.customerId(), named, now);
        TraitsOutcome outcome = applyTraits(command.messageId(), requested, now);
        return new TraitsUpdateResult(customerId, outcome == TraitsOutcome.CHANGED, false, lastSequence);
    }

    private enum TraitsOutcome {
        CHANGED,
        UNCHANGED,
        DUPLICATE
    }

    /**
     * Applies trait changes of a message. A message that named traits is remembered even when it changed nothing, so
     * a late resend cannot undo a newer change.
     */
    private TraitsOutcome applyTraits(String messageId, Map<String, Object> requested, Instant now) {
        if (messageId != null && messageIds.contains(messageId)) {
            return TraitsOutcome.DUPLICATE;
        }
        Map<String, Object> wanted = requested == null ? Map.of() : requested;
        Map<String, Object> set = new TreeMap<>();
        List<String> removed = new ArrayList<>();
        wanted.forEach((name, value) -> {
            if (value == null) {
                if (traits.containsKey(name)) {
                    removed.add(name);
                }
            } else if (!Objects.equals(traits.get(name), value)) {
                set.put(name, value);
            }
        });
        boolean changed = !set.isEmpty() || !removed.isEmpty();
        if (changed || (messageId != null && !wanted.isEmpty())) {
            apply(new TraitsChanged(customerId, set, removed, now, messageId));
        }
        return changed ? TraitsOutcome.CHANGED : TraitsOutcome.UNCHANGED;
    }

    @CommandHandler
    public CustomerFacts handle(DescribeCustomer command) {
        return new CustomerFacts(
                customerId,
                registeredAt,
                List.copyOf(identifiers),
                mergedInto,
                Set.copyOf(absorbed),
                mergedInto == null ? Set.of() : Set.copyOf(messageIds));
    }

    /** Becomes a redirect to the survivor; answers with what the survivor takes over. Idempotent. */
    @CommandHandler
    public CustomerFacts handle(MarkMerged command, Clock clock) {
        rejectIfForgotten();
        if (mergedInto != null && !mergedInto.equals(command.survivorId())) {
            throw new CustomerMergedException(customerId, mergedInto);
        }
        if (command.survivorId().equals(customerId)) {
            throw new IllegalArgumentException("a customer cannot be merged into itself");
        }
        if (mergedInto == null) {
            Instant now = clock.instant();
            // a redirect is in no audience: its memberships end with the merge (the survivor is evaluated anew)
            segments.memberships()
                    .forEach((segmentId, version) ->
                            apply(new CustomerLeftSegment(customerId, segmentId, version, now, "merge", null, null)));
            apply(new CustomerMergedInto(
                    customerId, command.survivorId(), List.copyOf(identifiers), command.cause(), now));
        }
        return new CustomerFacts(
                customerId,
                registeredAt,
                List.copyOf(identifiers),
                mergedInto,
                Set.copyOf(absorbed),
                Set.copyOf(messageIds));
    }

    /** Takes over an absorbed customer's identifiers and messageIds. Idempotent. */
    @CommandHandler
    public long handle(AbsorbCustomer command, Clock clock) {
        rejectIfMergedAway();
        rejectIfForgotten();
        if (!absorbed.contains(command.absorbedId())) {
            apply(new CustomerAbsorbed(
                    customerId,
                    command.absorbedId(),
                    command.identifiers(),
                    command.messageIds(),
                    command.alsoAbsorbed(),
                    command.cause(),
                    clock.instant()));
        }
        return lastSequence;
    }

    @CommandHandler
    public long handle(RecordMergeRefusal command, Clock clock) {
        apply(new MergeRefused(
                customerId, command.otherCustomerId(), command.reason(), command.cause(), clock.instant()));
        return lastSequence;
    }

    /**
     * A forgotten customer takes no new consent and joins no merge: its key is destroyed, so whatever personal data
     * came with it (another customer's identifiers in a merge) would be lost, and its remaining history is no longer
     * anyone's to combine with a living person's.
     */
    private void rejectIfForgotten() {
        if (forgottenAt != null) {
            throw new InvalidInputException("customerId", "customer " + customerId + " was forgotten (erased)");
        }
    }

    private void rejectIfMergedAway() {
        if (mergedInto != null) {
            throw new CustomerMergedException(customerId, mergedInto);
        }
    }

    private static void rejectInvalid(List<Touchpoint> touchpoints, boolean touchpointsRequired, Instant now) {
        if (touchpointsRequired && touchpoints.isEmpty()) {
            throw new InvalidInputException("touchpoints", "a batch needs at least one touchpoint");
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < touchpoints.size(); i++) {
            String prefix = "touchpoints[" + i + "]";
            touchpoints.get(i).validate(now).forEach(v -> violations.add(v.prefixed(prefix)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Registers the customer on its first command, and records identifiers it was not yet known by. */
    private void knowBy(String requestedId, List<Identifier> newIdentifiers, Instant now) {
        Set<Identifier> unknown = new LinkedHashSet<>(newIdentifiers);
        unknown.removeAll(identifiers);
        if (customerId == null) {
            Identifier first = unknown.isEmpty() ? null : unknown.iterator().next();
            apply(new CustomerRegistered(requestedId, first, now));
            unknown.remove(first);
        }
        for (Identifier identifier : unknown) {
            apply(new IdentifierAdded(customerId, identifier, now));
        }
    }

    @EventSourcingHandler
    void on(CustomerRegistered event, @SequenceNumber long sequence) {
        customerId = event.customerId();
        registeredAt = event.registeredAt();
        if (event.identifier() != null) {
            identifiers.add(event.identifier());
        }
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(IdentifierAdded event, @SequenceNumber long sequence) {
        identifiers.add(event.identifier());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(TouchpointRecorded event, @SequenceNumber long sequence) {
        messageIds.add(event.messageId());
        journeys.recorded(TouchpointFact.of(event, journeys.known()));
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(JourneyStageEntered event, @SequenceNumber long sequence) {
        journeys.entered(event.model(), event.to(), event.at(), event.modelVersion(), sequence);
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(JourneyReevaluated event, @SequenceNumber long sequence) {
        journeys.reevaluated(event.model(), event.version(), sequence);
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(TraitsChanged event, @SequenceNumber long sequence) {
        if (event.messageId() != null) {
            messageIds.add(event.messageId());
        }
        traits.putAll(event.set());
        event.removed().forEach(traits::remove);
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(CustomerMergedInto event, @SequenceNumber long sequence) {
        mergedInto = event.survivorId();
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(CustomerAbsorbed event, @SequenceNumber long sequence) {
        absorbed.add(event.absorbedId());
        absorbed.addAll(event.alsoAbsorbed());
        identifiers.addAll(event.identifiers());
        messageIds.addAll(event.messageIds());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(MergeRefused event, @SequenceNumber long sequence) {
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        consented(event.consent(), event.messageId(), sequence);
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        consented(event.consent(), event.messageId(), sequence);
    }

    private void consented(Consent consent, String messageId, long sequence) {
        Consents.apply(consents, consent);
        if (messageId != null) {
            consentMessageIds.add(messageId);
        }
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(CustomerEnteredSegment event, @SequenceNumber long sequence) {
        segments.entered(event.segmentId(), event.segmentVersion(), event.at());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(CustomerLeftSegment event, @SequenceNumber long sequence) {
        segments.left(event.segmentId(), event.segmentVersion(), event.at());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(SegmentRecheckScheduled event, @SequenceNumber long sequence) {
        segments.recheckScheduled(event.at());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(SegmentRecheckDue event, @SequenceNumber long sequence) {
        segments.recheckDue(event.at());
        lastSequence = sequence;
    }

    /**
     * Records that the customer is forgotten. Its data key is destroyed before this command is sent, so the state it
     * acts on (loaded from its history) already reads redacted. Also for a merged-away customer (the same person as
     * its survivor). Forgetting twice changes nothing.
     */
    @CommandHandler
    public Instant handle(ForgetCustomer command, Clock clock) {
        if (forgottenAt == null) {
            apply(new CustomerForgotten(customerId, command.reason(), clock.instant()));
        }
        return forgottenAt;
    }

    @EventSourcingHandler
    void on(CustomerForgotten event, @SequenceNumber long sequence) {
        forgottenAt = event.forgottenAt();
        lastSequence = sequence;
    }
}
