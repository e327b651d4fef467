package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The unified profile of one customer as the profile view holds it. A survivor's figures include the customers it
 * absorbed ({@code mergedFrom}); a merged-away customer names its survivor in {@code mergedInto}. {@code stages}:
 * the customer's current stage in each journey model it has entered; {@code segments}: the segments it is a member of
 * now, since when.
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
        long lastSequence) {}
