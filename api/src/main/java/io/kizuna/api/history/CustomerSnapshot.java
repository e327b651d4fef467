package io.kizuna.api.history;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.customer.AccountMembership;
import io.kizuna.api.customer.Count;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer as rebuilt from the events that pass {@code knownAt} and {@code occurredBy} (see
 * {@link FindCustomerAsOf}): the figures of the live profile that have meaning at a point in time. A survivor's
 * figures include the customers it had absorbed by then ({@code mergedFrom}); {@code lastSequence} is the sequence
 * of the last event of its own stream that was applied.
 */
public record CustomerSnapshot(
        String id,
        Instant knownAt,
        Instant occurredBy,
        List<Identifier> identifiers,
        Map<String, Object> traits,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long touchpointCount,
        List<Count> countsByType,
        List<Count> countsByChannel,
        List<Money> lifetimeValue,
        List<AccountMembership> accounts,
        List<CustomerStage> stages,
        List<SegmentMembership> segments,
        List<Consent> consents,
        String mergedInto,
        List<String> mergedFrom,
        long lastSequence) {}
