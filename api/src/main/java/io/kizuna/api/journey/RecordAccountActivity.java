package io.kizuna.api.journey;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Touchpoints of an account's people, for the journey models evaluated per account (B2B). The account's aggregate id
 * is an HMAC of the integrator's group id under the installation's identity key, so the id reveals nothing of the
 * group id. A touchpoint whose messageId the account already has is ignored.
 */
public record RecordAccountActivity(
        @TargetAggregateIdentifier String accountId, String groupId, List<AccountTouchpoint> touchpoints) {

    public RecordAccountActivity {
        touchpoints = touchpoints == null ? List.of() : List.copyOf(touchpoints);
    }
}
