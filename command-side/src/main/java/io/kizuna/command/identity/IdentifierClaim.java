package io.kizuna.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.identity.ClaimIdentifier;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.IdentifierReleased;
import io.kizuna.api.identity.ReassignClaim;
import io.kizuna.api.identity.ReleaseClaim;
import io.kizuna.api.privacy.PersonalData;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The one owner of one identifier. There is one claim per identifier, keyed by a keyed hash of its normalised
 * value, so the event store's uniqueness of (aggregate id, sequence) guarantees that an identifier belongs to at
 * most one customer, even when two nodes race for it. A merge moves it to the survivor, so it always names a live
 * customer. The identifier's value is never stored here.
 */
@Aggregate(cache = "identifierClaimCache")
public class IdentifierClaim {

    @AggregateIdentifier
    private String claimId;

    private String customerId;

    protected IdentifierClaim() {
        // for Axon
    }

    /** Answers with the owning customer's id: the candidate if the identifier was unclaimed. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(ClaimIdentifier command, Clock clock) {
        // a new claim, or one whose customer was forgotten (released, or its owner no longer readable)
        if (customerId == null || PersonalData.REDACTED.equals(customerId)) {
            apply(new IdentifierClaimed(
                    command.claimId(), command.identifierType(), command.candidateCustomerId(), clock.instant()));
        }
        return customerId;
    }

    /** Follows a merge: the identifier moves to the survivor, if the merged-away customer still owns it. */
    @CommandHandler
    public String handle(ReassignClaim command, Clock clock) {
        if (command.fromCustomerId().equals(customerId)
                && !command.toCustomerId().equals(customerId)) {
            apply(new IdentifierReassigned(claimId, customerId, command.toCustomerId(), clock.instant()));
        }
        return customerId;
    }

    /** Erasure: the identifier belongs to nobody once its owner is forgotten, so a returning person is new. */
    @CommandHandler
    public String handle(ReleaseClaim command, Clock clock) {
        if (customerId != null && command.customerIds().contains(customerId)) {
            apply(new IdentifierReleased(claimId, customerId, clock.instant()));
        }
        return customerId;
    }

    @EventSourcingHandler
    void on(IdentifierReleased event) {
        customerId = null;
    }

    @EventSourcingHandler
    void on(IdentifierReassigned event) {
        customerId = event.toCustomerId();
    }

    @EventSourcingHandler
    void on(IdentifierClaimed event) {
        claimId = event.claimId();
        customerId = event.customerId();
    }
}
