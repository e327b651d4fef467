package io.kizuna.api.journey;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Touchpoints of an account's people, for the journey models evaluated per account (B2B). The account's aggregate id
 * is derived from the integrator's group id ({@link #accountIdOf}), so no integrator value becomes an identifier.
 * A touchpoint whose messageId the account already has is ignored.
 */
public record RecordAccountActivity(
        @TargetAggregateIdentifier String accountId, String groupId, List<AccountTouchpoint> touchpoints) {

    public RecordAccountActivity {
        touchpoints = touchpoints == null ? List.of() : List.copyOf(touchpoints);
    }

    /** The platform's id of the account an integrator calls {@code groupId}. */
    public static String accountIdOf(String groupId) {
        return UUID.nameUUIDFromBytes(("kizuna-account:" + groupId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
