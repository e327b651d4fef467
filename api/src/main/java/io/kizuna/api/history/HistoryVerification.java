package io.kizuna.api.history;

/**
 * The outcome of recomputing one customer's hash chain. {@code eventsChecked} counts the stored events read; when the
 * chain is broken, {@code firstBrokenPosition} is the global position of the first event that fails (for a deleted
 * event, the event after the gap), {@code firstBrokenSequence} its sequence in the customer's history, and
 * {@code reason} says what failed.
 */
public record HistoryVerification(
        boolean ok, long eventsChecked, Long firstBrokenPosition, Long firstBrokenSequence, String reason) {

    public static HistoryVerification intact(long eventsChecked) {
        return new HistoryVerification(true, eventsChecked, null, null, null);
    }

    public static HistoryVerification broken(long eventsChecked, long position, long sequence, String reason) {
        return new HistoryVerification(false, eventsChecked, position, sequence, reason);
    }
}
