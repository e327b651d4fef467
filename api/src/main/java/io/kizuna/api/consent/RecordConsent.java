package io.kizuna.api.consent;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records consent answers of an existing customer, in order, in one append. A change that would not change the
 * customer's consent (the same answer again), or whose message the customer already has, records nothing.
 * {@code sourceId} is the source that sent it, null for GraphQL. Answers with a {@link ConsentRecorded}.
 */
public record RecordConsent(
        @TargetAggregateIdentifier String customerId, List<ConsentChange> changes, String sourceId) {

    public RecordConsent {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
