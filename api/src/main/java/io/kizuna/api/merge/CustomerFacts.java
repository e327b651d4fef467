package io.kizuna.api.merge;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a merge decision needs to know of one customer: when it was registered, its identifiers, whether it was
 * merged away (and into whom), how many customers it absorbed, and (for the absorbing side) its messageIds.
 */
public record CustomerFacts(
        String customerId,
        Instant registeredAt,
        List<Identifier> identifiers,
        String mergedInto,
        int absorbedCount,
        Set<String> messageIds) {}
