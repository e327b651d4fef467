package io.kizuna.api.journey;

import java.util.List;

/**
 * A journey model as a user defines it: ordered stages, the moves allowed between them, and the rules that move
 * customers. When {@code transitions} is empty, a customer may enter any stage first and move to any later stage
 * (never back); inactivity rules are always allowed moves. {@code perAccount} models (B2B) are evaluated for the
 * accounts (Segment groups) customers belong to, as well as for each customer.
 */
public record JourneyModelDefinition(
        String id,
        LocalizedText labels,
        List<JourneyStageDefinition> stages,
        List<AllowedTransition> transitions,
        List<EntryRule> rules,
        List<InactivityRule> inactivityRules,
        boolean isDefault,
        boolean perAccount) {

    public JourneyModelDefinition {
        stages = stages == null ? List.of() : List.copyOf(stages);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        rules = rules == null ? List.of() : List.copyOf(rules);
        inactivityRules = inactivityRules == null ? List.of() : List.copyOf(inactivityRules);
    }

    /** The position of a stage in the model's order, or -1. */
    public int indexOf(String stageId) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a customer in {@code from} (null: no stage yet) may move to {@code to} by any rule. */
    public boolean allows(String from, String to) {
        if (allowsByTouchpoint(from, to)) {
            return true;
        }
        for (InactivityRule rule : inactivityRules) {
            if (java.util.Objects.equals(rule.in(), from) && java.util.Objects.equals(rule.enter(), to)) {
                return to != null && !to.equals(from) && indexOf(to) >= 0;
            }
        }
        return false;
    }

    /**
     * Whether a touchpoint may move a customer in {@code from} (null: no stage yet) to {@code to}: by the
     * transitions, or forward when there are none. Moves of inactivity rules are theirs alone: a touchpoint matching
     * an earlier stage's rule does not move a customer back just because inactivity could.
     */
    public boolean allowsByTouchpoint(String from, String to) {
        if (to == null || to.equals(from) || indexOf(to) < 0) {
            return false;
        }
        if (transitions.isEmpty()) {
            return from == null || indexOf(to) > indexOf(from);
        }
        for (AllowedTransition t : transitions) {
            if (t != null && java.util.Objects.equals(t.from(), from) && to.equals(t.to())) {
                return true;
            }
        }
        return false;
    }
}
