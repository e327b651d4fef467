package io.kizuna.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
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
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.journey.CurrentJourneyModels;
import io.kizuna.command.journey.InactivityCheck;
import io.kizuna.command.journey.JourneyPositions;
import io.kizuna.command.journey.StageRules;
import io.kizuna.command.journey.TouchpointFact;
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
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One customer's journey, event-sourced: every touchpoint, identifier and trait change is an event on this
 * aggregate. Invariant: a messageId is stored at most once per customer, for all time, so integrators may retry
 * freely; a batch with one invalid touchpoint stores nothing.
 */
@Aggregate(cache = "customerCache", snapshotTriggerDefinition = "customerSnapshotTrigger")
// snapshots store the aggregate's own fields (not final: Jackson 3 does not write final fields); it has no getters
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Customer {

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

    protected Customer() {
        // for Axon: created empty, then built from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TouchpointsRecorded handle(
            RecordTouchpoints command, Clock clock, CurrentJourneyModels models, DeadlineManager deadlines) {
        rejectIfMergedAway();
        Instant now = clock.instant();
        boolean linkOnly =
                command.touchpoints().isEmpty() && command.traitUpdates().isEmpty();
        if (!linkOnly || command.identifiers() == null || command.identifiers().isEmpty()) {
            rejectInvalid(command.touchpoints(), command.traitUpdates().isEmpty(), now);
        }
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
                    t.properties()));
            accepted++;
        }
        journeys.decide(known, models.all(), deadlines, now, recorder(now));
        return new TouchpointsRecorded(customerId, accepted, duplicates, lastSequence);
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
        JourneyModel model = JourneyPositions.find(models.all(), command.model());
        if (model != null) {
            Instant now = clock.instant();
            journeys.reevaluateIfOlder(model, deadlines, now, recorder(now));
        }
        return lastSequence;
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
        if (mergedInto != null && !mergedInto.equals(command.survivorId())) {
            throw new CustomerMergedException(customerId, mergedInto);
        }
        if (command.survivorId().equals(customerId)) {
            throw new IllegalArgumentException("a customer cannot be merged into itself");
        }
        if (mergedInto == null) {
            apply(new CustomerMergedInto(
                    customerId, command.survivorId(), List.copyOf(identifiers), command.cause(), clock.instant()));
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
}
