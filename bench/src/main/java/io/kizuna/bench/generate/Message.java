package io.kizuna.bench.generate;

/**
 * One Segment call of the generated data, kept compact (2,000,000 of them fit in a few hundred MB); {@link
 * SegmentJson} writes it out as the call a tracker, a POS export or a server library would send.
 *
 * @param customer index of the generated customer ({@link Dataset#customers()})
 * @param sequence position in that customer's own messages; with the customer it makes the messageId
 * @param kind what call it is
 * @param event index into {@link Catalog#EVENTS} for a touchpoint, -1 otherwise
 * @param at business time, epoch milliseconds
 * @param amountMinor a purchase's or return's value in the currency's minor unit (yen, cents), 0 when none
 * @param flags {@link #KNOWN}, {@link #SECOND_DEVICE}, {@link #LATE}, {@link #RETRY}
 * @param campaign index into {@link Catalog#CAMPAIGNS}, -1 when none
 */
public record Message(
        int customer, int sequence, Kind kind, short event, long at, long amountMinor, byte flags, byte campaign) {

    /** The customer had identified by then: the call carries the userId. */
    public static final byte KNOWN = 1;
    /** Sent from the customer's second device (its own anonymousId), which a later identify ties to the customer. */
    public static final byte SECOND_DEVICE = 2;
    /** Offline data (store, POS) that reaches the platform late: sent after the online traffic. */
    public static final byte LATE = 4;
    /** A client retry: the same message (same messageId) sent a second time. */
    public static final byte RETRY = 8;
    /** Amount in USD (cents); otherwise JPY (yen). */
    public static final byte USD = 16;

    /** The Segment call types the generator uses. */
    public enum Kind {
        TRACK,
        PAGE,
        SCREEN,
        IDENTIFY
    }

    public boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    /** Whether the platform stores it as a touchpoint (identify only changes traits and identifiers). */
    public boolean touchpoint() {
        return kind != Kind.IDENTIFY;
    }

    /** The same message again, as a client that got no answer sends it. */
    public Message retry() {
        return new Message(customer, sequence, kind, event, at, amountMinor, (byte) (flags | RETRY), campaign);
    }
}
