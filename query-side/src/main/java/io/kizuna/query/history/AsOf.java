package io.kizuna.query.history;

import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.customer.ProfileFold;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A customer rebuilt as of a point on either time axis or both, with {@link ProfileFold}, the fold of the live
 * profile view, so the two cannot disagree: with no limits it gives the live profile.
 *
 * <ul>
 *   <li>{@code knownAt}: only events recorded (stored) at or before it — what the platform knew then;
 *   <li>{@code occurredBy}: only events whose {@link StoredEvent#time() business time} is at or before it — what had
 *       happened by then, as known now. Events without a business time (registration, identifiers, traits, merges)
 *       happen when recorded.
 * </ul>
 *
 * The customers a survivor absorbed are folded in through a {@link ProfileFold.History} that applies the same
 * limits, so an absorption counts only when its merge passes, and then only with the absorbed events that pass.
 */
record AsOf(Instant knownAt, Instant occurredBy) {

    boolean includes(StoredEvent event) {
        return (knownAt == null || !event.recordedAt().isAfter(knownAt))
                && (occurredBy == null || !event.time().isAfter(occurredBy));
    }

    /**
     * The customer as of these limits, from {@code streams} (each customer's own stream in sequence order), or null
     * when none of its own events passes: it did not exist yet.
     */
    ProfileDocument fold(String customerId, Function<String, List<StoredEvent>> streams, Instant now) {
        List<StoredEvent> own =
                streams.apply(customerId).stream().filter(this::includes).toList();
        if (own.isEmpty()) {
            return null;
        }
        ProfileFold.History history = id -> streams.apply(id).stream()
                .filter(this::includes)
                .map(e -> new ProfileFold.History.Entry(e.payload(), e.sequence()))
                .toList();
        ProfileDocument profile = new ProfileDocument(customerId);
        for (StoredEvent event : own) {
            ProfileFold.apply(profile, event.payload(), event.sequence(), now, history);
        }
        return profile;
    }
}
