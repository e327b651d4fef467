package io.kizuna.command.journey;

import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.PropertyCondition;
import io.kizuna.api.journey.TouchpointCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The decisions of a journey model, as pure functions of a customer's touchpoints. The customer aggregate asks them
 * when a touchpoint arrives, when an inactivity deadline fires, and when a model changes (a replay).
 *
 * <p>Semantics, in business time: a touchpoint moves a customer to the latest stage among the rules it matches whose
 * move the model allows a touchpoint from the current stage (inactivity rules' moves are for inactivity only). A touchpoint older than the current stage's entry can still move the
 * customer forward, at the moment the current stage was entered (never earlier); it never moves it back. Counts
 * ("the second purchase") count the matching touchpoints at or before the touchpoint in business time. Inactivity is
 * measured from the latest matching touchpoint, or from entering the stage when that is later.
 */
public final class StageRules {

    /** A decided move: enter {@code to} at business time {@code at}. */
    public record Move(String to, Instant at) {}

    /** Where a replay left a customer: its stage (null: none) and since when. */
    public record Outcome(String stage, Instant enteredAt) {}

    /** Steps of inactivity that one evaluation may take in a row (a model could cycle between two lapse rules). */
    private static final int MAX_CHAINED_INACTIVITY = 20;

    private StageRules() {}

    /** The move a newly recorded touchpoint causes, if any. {@code facts} holds every touchpoint, this one included. */
    public static Optional<Move> onTouchpoint(
            JourneyModelDefinition model,
            String stage,
            Instant enteredAt,
            TouchpointFact t,
            List<TouchpointFact> facts) {
        String best = null;
        int bestIndex = -1;
        for (EntryRule rule : model.rules()) {
            int index = model.indexOf(rule.enter());
            if (index <= bestIndex || !model.allowsByTouchpoint(stage, rule.enter())) {
                continue;
            }
            if (matches(rule.when(), t) && countReached(rule.when(), t, facts)) {
                best = rule.enter();
                bestIndex = index;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Instant at = enteredAt != null && t.occurredAt().isBefore(enteredAt) ? enteredAt : t.occurredAt();
        return Optional.of(new Move(best, at));
    }

    /**
     * When the earliest inactivity rule of the current stage falls due, measured over the touchpoints at or before
     * {@code horizon} (all of them when null); empty when the stage has no inactivity rule.
     */
    public static Optional<Move> nextInactivity(
            JourneyModelDefinition model,
            String stage,
            Instant enteredAt,
            List<TouchpointFact> facts,
            Instant horizon) {
        if (stage == null) {
            return Optional.empty();
        }
        Move earliest = null;
        for (InactivityRule rule : model.inactivityRules()) {
            if (!rule.in().equals(stage)) {
                continue;
            }
            Instant last = enteredAt;
            for (TouchpointFact f : facts) {
                boolean counts = rule.touchpointTypes().isEmpty()
                        || rule.touchpointTypes().contains(f.type());
                if (counts
                        && (horizon == null || !f.occurredAt().isAfter(horizon))
                        && (last == null || f.occurredAt().isAfter(last))) {
                    last = f.occurredAt();
                }
            }
            Instant due = last.plus(rule.inactiveFor());
            if (earliest == null || due.isBefore(earliest.at())) {
                earliest = new Move(rule.enter(), due);
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * The moves of inactivity rules due by {@code now}, one after the other (each new stage may have its own rule),
     * starting from {@code stage}.
     */
    public static List<Move> dueInactivity(
            JourneyModelDefinition model, String stage, Instant enteredAt, List<TouchpointFact> facts, Instant now) {
        List<Move> moves = new ArrayList<>();
        String current = stage;
        Instant since = enteredAt;
        for (int i = 0; i < MAX_CHAINED_INACTIVITY; i++) {
            Optional<Move> next = nextInactivity(model, current, since, facts, now);
            if (next.isEmpty() || next.get().at().isAfter(now)) {
                break;
            }
            moves.add(next.get());
            current = next.get().to();
            since = next.get().at();
        }
        return moves;
    }

    /**
     * Where the customer would stand if its touchpoints had arrived in business-time order under this model: the
     * basis of re-evaluation after a model change. Inactivity rules apply between touchpoints and up to {@code now}.
     */
    public static Outcome replay(JourneyModelDefinition model, List<TouchpointFact> facts, Instant now) {
        List<TouchpointFact> ordered = new ArrayList<>(facts);
        ordered.sort(Comparator.comparing(TouchpointFact::occurredAt).thenComparingInt(TouchpointFact::arrival));
        String stage = null;
        Instant since = null;
        List<TouchpointFact> seen = new ArrayList<>(ordered.size());
        for (TouchpointFact t : ordered) {
            for (Move lapse : dueInactivity(model, stage, since, seen, t.occurredAt())) {
                if (!lapse.at().isBefore(t.occurredAt())) {
                    break; // the touchpoint came first: the customer was active, not lapsed
                }
                stage = lapse.to();
                since = lapse.at();
            }
            seen.add(t);
            Optional<Move> move = onTouchpoint(model, stage, since, t, seen);
            if (move.isPresent()) {
                stage = move.get().to();
                since = move.get().at();
            }
        }
        for (Move lapse : dueInactivity(model, stage, since, seen, now)) {
            stage = lapse.to();
            since = lapse.at();
        }
        return new Outcome(stage, since);
    }

    /** Whether a touchpoint meets a condition, apart from its count. */
    public static boolean matches(TouchpointCondition c, TouchpointFact t) {
        if (!c.types().isEmpty() && !c.types().contains(t.type())) {
            return false;
        }
        if (!c.channels().isEmpty() && !c.channels().contains(t.channel())) {
            return false;
        }
        if (!c.campaigns().isEmpty() && (t.campaign() == null || !c.campaigns().contains(t.campaign()))) {
            return false;
        }
        if (c.minValue() != null || c.maxValue() != null) {
            if (t.amount() == null || (c.currency() != null && !c.currency().equals(t.currency()))) {
                return false;
            }
            if (c.minValue() != null && t.amount().compareTo(c.minValue()) < 0) {
                return false;
            }
            if (c.maxValue() != null && t.amount().compareTo(c.maxValue()) > 0) {
                return false;
            }
        }
        for (PropertyCondition p : c.properties()) {
            String value = t.properties().get(p.name());
            if (p.exists() != null) {
                if (p.exists() != (value != null)) {
                    return false;
                }
            } else if (p.equals() != null) {
                if (!p.equals().equals(value)) {
                    return false;
                }
            } else if (!p.anyOf().isEmpty() && (value == null || !p.anyOf().contains(value))) {
                return false;
            }
        }
        return true;
    }

    private static boolean countReached(TouchpointCondition c, TouchpointFact t, List<TouchpointFact> facts) {
        if (c.countAtLeast() == null || c.countAtLeast() <= 1) {
            return true;
        }
        int count = 0;
        for (TouchpointFact f : facts) {
            if (f.notAfter(t) && matches(c, f) && ++count >= c.countAtLeast()) {
                return true;
            }
        }
        return false;
    }
}
