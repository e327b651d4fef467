package io.kizuna.api.customer;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Touchpoint;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records what one request says about one customer, in one append: trait updates (identify messages) first, then
 * touchpoints, then consent answers (Segment's {@code context.consent}). {@code identifiers} are how the integrators named the customer in this request (already claimed for
 * it); the customer is created if it does not exist yet. With neither touchpoints nor trait updates it only links
 * the identifiers (consent answers alone are recorded without a touchpoint). {@code sourceId} is the source that sent the request, null when unknown (GraphQL). Answers with a
 * {@link TouchpointsRecorded}.
 */
public record RecordTouchpoints(
        @TargetAggregateIdentifier String customerId,
        List<Identifier> identifiers,
        List<Touchpoint> touchpoints,
        List<TraitsUpdate> traitUpdates,
        String sourceId,
        List<ConsentChange> consentChanges) {

    public RecordTouchpoints {
        touchpoints = touchpoints == null ? List.of() : touchpoints;
        traitUpdates = traitUpdates == null ? List.of() : traitUpdates;
        consentChanges = consentChanges == null ? List.of() : consentChanges;
    }

    public RecordTouchpoints(
            String customerId,
            List<Identifier> identifiers,
            List<Touchpoint> touchpoints,
            List<TraitsUpdate> traitUpdates,
            String sourceId) {
        this(customerId, identifiers, touchpoints, traitUpdates, sourceId, List.of());
    }

    public RecordTouchpoints(
            String customerId,
            List<Identifier> identifiers,
            List<Touchpoint> touchpoints,
            List<TraitsUpdate> traitUpdates) {
        this(customerId, identifiers, touchpoints, traitUpdates, null);
    }

    public RecordTouchpoints(String customerId, List<Identifier> identifiers, List<Touchpoint> touchpoints) {
        this(customerId, identifiers, touchpoints, List.of(), null);
    }
}
