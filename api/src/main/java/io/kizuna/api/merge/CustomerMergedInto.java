package io.kizuna.api.merge;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * This customer was merged into {@code survivorId}: its history stays as it is, and it is now a redirect.
 * {@code identifiers} are the ones that moved to the survivor.
 */
@Revision("1")
public record CustomerMergedInto(
        String customerId, String survivorId, List<Identifier> identifiers, MergeCause cause, Instant mergedAt) {}
