package io.kizuna.api.merge;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a merge decision needs to know of one customer: when it was registered, its identifiers, whether it was
 * merged away (and into whom), which customers it absorbed (directly or through them), and (for the absorbing side)
 * its messageIds.
 */
public record CustomerFacts(
        String customerId,
        Instant registeredAt,
        List<Identifier> identifiers,
        String mergedInto,
        Set<String> absorbedIds,
        Set<String> messageIds) {}
