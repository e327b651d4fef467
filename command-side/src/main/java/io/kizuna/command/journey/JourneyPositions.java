package io.kizuna.command.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyStageEntered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;

/**
 * The journey part of an aggregate whose touchpoints move it through journey models (a customer; an account for
 * per-account models): the touchpoints rules may test, the position in each model, and the decisions. Decisions are
 * handed to a {@link Recorder}, which applies the aggregate's events; the events' handlers then update this state
 * ({@link #recorded}, {@link #entered}, {@link #reevaluated}), so the state is always what the events say.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class JourneyPositions {

    /** Applies the owning aggregate's events for the decisions made. */
    public interface Recorder {

        void entered(JourneyModel model, String from, StageRules.Move move, String causeKind, String causeMessageId);

        void reevaluated(JourneyModel model, String stage);
    }

    private List<TouchpointFact> facts = new ArrayList<>();
    private Map<String, StagePosition> stages = new HashMap<>();

    /** Touchpoints recorded so far. */
    public int known() {
        return facts.size();
    }

    public StagePosition position(String model) {
        return stages.get(model);
    }

    public List<TouchpointFact> facts() {
        return facts;
    }

    public void recorded(TouchpointFact fact) {
        facts.add(fact);
    }

    public void entered(String model, String stage, Instant at, int version, long sequence) {
        stages.put(model, new StagePosition(stage, at, version, sequence));
    }

    public void reevaluated(String model, int version, long sequence) {
        StagePosition known = stages.get(model);
        stages.put(
                model,
                known == null
                        ? new StagePosition(null, null, version, sequence)
                        : new StagePosition(known.stage(), known.enteredAt(), version, known.sequence()));
    }

    /**
     * Moves through each model by the touchpoints recorded after the first {@code known}, in business-time order. A
     * position under an older version of a model is first re-evaluated under the current one.
     */
    public void decide(
            int known, List<JourneyModel> models, DeadlineManager deadlines, Instant now, Recorder recorder) {
        if (facts.size() == known) {
            return;
        }
        List<TouchpointFact> arrived = new ArrayList<>(facts.subList(known, facts.size()));
        arrived.sort(Comparator.comparing(TouchpointFact::occurredAt).thenComparingInt(TouchpointFact::arrival));
        for (JourneyModel model : models) {
            StagePosition before = stages.get(model.id());
            boolean stale = before == null ? known > 0 : before.version() < model.rulesVersion();
            if (stale) {
                // touchpoints recorded before this model (version) existed count first, as a re-evaluation would
                reevaluate(model, facts.subList(0, known), deadlines, now, recorder);
                before = stages.get(model.id());
            }
            for (TouchpointFact t : arrived) {
                StagePosition at = stages.get(model.id());
                String stage = at == null ? null : at.stage();
                Instant since = at == null ? null : at.enteredAt();
                StageRules.onTouchpoint(model.definition(), stage, since, t, facts)
                        .ifPresent(move ->
                                recorder.entered(model, stage, move, JourneyStageEntered.TOUCHPOINT, t.messageId()));
            }
            StagePosition after = stages.get(model.id());
            if (after != null && (before == null || before.sequence() != after.sequence())) {
                settleInactivity(model, deadlines, now, recorder);
            }
        }
    }

    /** An inactivity deadline fell due: lapse unless a touchpoint since has kept the position active. */
    public void onDeadline(
            InactivityCheck check, JourneyModel model, DeadlineManager deadlines, Instant now, Recorder recorder) {
        StagePosition position = stages.get(check.model());
        if (model == null || position == null || position.sequence() != check.stageSequence()) {
            return; // moved on since; the stage it is in now has its own deadline
        }
        Instant due = now.isBefore(check.due()) ? check.due() : now;
        if (position.version() < model.rulesVersion()) {
            reevaluate(model, facts, deadlines, due, recorder); // schedules the deadline of the new rules
        } else if (check.rulesVersion() == model.rulesVersion()) {
            settleInactivity(model, deadlines, due, recorder);
        }
        // else: a deadline of older rules; re-evaluation scheduled the one that counts
    }

    /** Re-evaluates under the model's current version unless already done; answers whether it did. */
    public boolean reevaluateIfOlder(JourneyModel model, DeadlineManager deadlines, Instant now, Recorder recorder) {
        StagePosition position = stages.get(model.id());
        if (position != null && position.version() >= model.rulesVersion()) {
            return false;
        }
        reevaluate(model, facts, deadlines, now, recorder);
        return true;
    }

    /**
     * Where the position would be had the touchpoints {@code history} arrived in business-time order under the model.
     * A different stage is entered now (never dated before the current stage's entry); the same stage, or no stage
     * at all, is recorded as re-evaluated.
     */
    private void reevaluate(
            JourneyModel model,
            List<TouchpointFact> history,
            DeadlineManager deadlines,
            Instant now,
            Recorder recorder) {
        StageRules.Outcome outcome = StageRules.replay(model.definition(), history, now);
        StagePosition position = stages.get(model.id());
        String current = position == null ? null : position.stage();
        if (outcome.stage() != null && !outcome.stage().equals(current)) {
            Instant at = position != null
                            && position.enteredAt() != null
                            && outcome.enteredAt().isBefore(position.enteredAt())
                    ? position.enteredAt()
                    : outcome.enteredAt();
            recorder.entered(
                    model, current, new StageRules.Move(outcome.stage(), at), JourneyStageEntered.REEVALUATION, null);
        } else {
            recorder.reevaluated(model, current);
        }
        scheduleInactivity(model, deadlines);
    }

    /**
     * Takes the inactivity moves already due (history imported late can be long past them), then schedules a
     * deadline for the next one. One deadline per stage entry: a touchpoint that delays the lapse does not move it;
     * the deadline, when it fires, finds the lapse not yet due and schedules itself again.
     */
    private void settleInactivity(JourneyModel model, DeadlineManager deadlines, Instant now, Recorder recorder) {
        StagePosition position = stages.get(model.id());
        for (StageRules.Move lapse :
                StageRules.dueInactivity(model.definition(), position.stage(), position.enteredAt(), facts, now)) {
            recorder.entered(model, stages.get(model.id()).stage(), lapse, JourneyStageEntered.DEADLINE, null);
        }
        scheduleInactivity(model, deadlines);
    }

    private void scheduleInactivity(JourneyModel model, DeadlineManager deadlines) {
        StagePosition position = stages.get(model.id());
        if (position == null || position.stage() == null) {
            return;
        }
        StageRules.nextInactivity(model.definition(), position.stage(), position.enteredAt(), facts, null)
                .ifPresent(next -> deadlines.schedule(
                        next.at(),
                        InactivityCheck.DEADLINE_NAME,
                        new InactivityCheck(model.id(), position.sequence(), next.at(), model.rulesVersion())));
    }

    /** The current version of a model among {@code models}, or null. */
    public static JourneyModel find(List<JourneyModel> models, String modelId) {
        for (JourneyModel model : models) {
            if (model.id().equals(modelId)) {
                return model;
            }
        }
        return null;
    }
}
