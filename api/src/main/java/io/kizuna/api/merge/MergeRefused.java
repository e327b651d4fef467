package io.kizuna.api.merge;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A merge of this customer with another was refused by merge protection; {@code reason} says which rule. */
@Revision("1")
public record MergeRefused(
        String customerId, String otherCustomerId, String reason, MergeCause cause, Instant refusedAt) {}
