package io.kizuna.projection.customer;

import io.kizuna.api.journey.StageTransition;
import java.time.Duration;
import java.time.Instant;

/**
 * One journey stage transition of a customer in the stage transitions view: the entry into stage {@code to}, and,
 * once the customer's next transition in the model is known, how it left it.
 *
 * <p>The id is {@code customerId:model:sequence} (customer ids are UUIDs: no personal data). {@code toIndex} is the
 * position of {@code to} in the model's stage order at {@code modelVersion}; {@code exitedToIndex} that of the next
 * stage at the next transition's version, and {@code movedOn} whether it was later in the order ({@code exitedToIndex
 * > toIndex}, stored because the cluster runs no scripts). {@code channel}/{@code campaign} are those of the
 * touchpoint that caused the entry (null for deadlines and re-evaluations); {@code firstSeenMonth} is the customer's
 * first-seen month (UTC) at the time of the entry. {@code mergedInto}: the customer was merged away while in this
 * stage, which ends the entry without an exit. {@code lastSequence}, the sequence number of the event that gave the
 * document its current state, is its external version, so redelivered or replayed writes never undo newer ones.
 */
public record StageTransitionDocument(
        String customerId,
        String model,
        int modelVersion,
        String from,
        String to,
        int toIndex,
        Instant at,
        Instant recordedAt,
        String causeKind,
        String causeMessageId,
        String channel,
        String campaign,
        String firstSeenMonth,
        boolean current,
        Instant exitedAt,
        String exitedTo,
        Integer exitedToIndex,
        Boolean movedOn,
        Long secondsInStage,
        long sequence,
        String mergedInto,
        long lastSequence) {

    /** The entry as it is while the customer is in the stage (not current at all for a merged-away customer). */
    static StageTransitionDocument entered(
            String customerId, ProfileDocument.StageEntry entry, int toIndex, String mergedInto) {
        return of(customerId, entry, toIndex, mergedInto == null, null, null, null, mergedInto, entry.sequence());
    }

    /** The entry closed by the customer's next transition in the same model. */
    static StageTransitionDocument exited(
            String customerId,
            ProfileDocument.StageEntry entry,
            int toIndex,
            ProfileDocument.StageEntry next,
            int nextIndex,
            String mergedInto) {
        return of(customerId, entry, toIndex, false, next, nextIndex, nextIndex > toIndex, mergedInto, next.sequence());
    }

    /** The entry ended by a merge: no longer current, with no exit (the customer did not move on or drop off). */
    static StageTransitionDocument mergedAway(
            String customerId, ProfileDocument.StageEntry entry, int toIndex, String survivorId, long mergeSequence) {
        return of(customerId, entry, toIndex, false, null, null, null, survivorId, mergeSequence);
    }

    /** An entry, and how it was left ({@code next} null: not left). */
    private static StageTransitionDocument of(
            String customerId,
            ProfileDocument.StageEntry entry,
            int toIndex,
            boolean current,
            ProfileDocument.StageEntry next,
            Integer nextIndex,
            Boolean movedOn,
            String mergedInto,
            long lastSequence) {
        return new StageTransitionDocument(
                customerId,
                entry.model(),
                entry.modelVersion(),
                entry.from(),
                entry.stage(),
                toIndex,
                entry.enteredAt(),
                entry.recordedAt(),
                entry.causeKind(),
                entry.causeMessageId(),
                entry.channel(),
                entry.campaign(),
                entry.firstSeenMonth(),
                current,
                next == null ? null : next.enteredAt(),
                next == null ? null : next.stage(),
                nextIndex,
                movedOn,
                next == null
                        ? null
                        : Duration.between(entry.enteredAt(), next.enteredAt()).toSeconds(),
                entry.sequence(),
                mergedInto,
                lastSequence);
    }

    public static String idOf(String customerId, String model, long sequence) {
        return customerId + ":" + model + ":" + sequence;
    }

    public String id() {
        return idOf(customerId, model, sequence);
    }

    public StageTransition toTransition() {
        return new StageTransition(
                customerId, model, modelVersion, from, to, at, causeKind, causeMessageId, recordedAt);
    }
}
