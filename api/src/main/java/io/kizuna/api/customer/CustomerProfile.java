package io.kizuna.api.customer;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unified profile of one customer as the profile view holds it. A survivor's figures include the customers it
 * absorbed ({@code mergedFrom}); a merged-away customer names its survivor in {@code mergedInto}. {@code stages}:
 * the customer's current stage in each journey model it has entered; {@code segments}: the segments it is a member of
 * now, since when; {@code consents}: its consent answers in force (a grant or a withdrawal per purpose, for every
 * channel or for one), which orchestration must respect.
 */
public record CustomerProfile(
        String id,
        List<Identifier> identifiers,
        Map<String, Object> traits,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long touchpointCount,
        List<Count> countsByType,
        List<Count> countsByChannel,
        List<Money> lifetimeValue,
        TimelineEntry lastTouchpoint,
        List<AccountMembership> accounts,
        String mergedInto,
        List<String> mergedFrom,
        List<CustomerStage> stages,
        List<SegmentMembership> segments,
        List<Consent> consents,
        long lastSequence) {

    /**
     * Whether the customer consents to {@code purpose} on {@code channel} (null: on every channel): that channel's
     * answer, else the answer for every channel, is a grant. No answer is no consent.
     */
    public boolean consentsTo(String purpose, String channel) {
        Map<String, Consent> byKey = new HashMap<>();
        (consents == null ? List.<Consent>of() : consents)
                .forEach(c -> byKey.put(Consents.key(c.purpose(), c.channel()), c));
        return Consents.effective(byKey, purpose, channel);
    }
}
