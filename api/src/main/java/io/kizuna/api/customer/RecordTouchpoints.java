package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Touchpoint;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a batch of touchpoints for one customer in one append. {@code identifiers} are how the integrators named
 * the customer in this batch (already claimed for it); the customer is created if it does not exist yet. Answers
 * with a {@link TouchpointsRecorded}.
 */
public record RecordTouchpoints(
        @TargetAggregateIdentifier String customerId, List<Identifier> identifiers, List<Touchpoint> touchpoints) {}
