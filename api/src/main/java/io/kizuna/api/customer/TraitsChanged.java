package io.kizuna.api.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Traits of the customer were set ({@code set}) or removed ({@code removed}). {@code messageId} is the integrator's
 * message that caused it, if any (kept so that a resent message is recognised).
 */
@Revision("1")
public record TraitsChanged(
        String customerId, Map<String, Object> set, List<String> removed, Instant changedAt, String messageId) {

    public TraitsChanged {
        set = set == null ? Map.of() : set;
        removed = removed == null ? List.of() : removed;
    }
}
