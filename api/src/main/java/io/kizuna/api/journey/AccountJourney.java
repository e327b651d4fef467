package io.kizuna.api.journey;

import java.util.List;

/**
 * An account (Segment group) in the journey models evaluated per account: its current stage in each, and every
 * transition in order; a transition's {@code customerId} is the person whose touchpoint caused it, if any.
 */
public record AccountJourney(String groupId, List<CustomerStage> stages, List<StageTransition> history) {}
