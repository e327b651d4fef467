package io.kizuna.api.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The tamper-evidence hash of one stored event: SHA-256 over a canonical form of the event as it is stored, chained
 * to the hash of the previous event of the same aggregate. The event store writes it into the event's metadata under
 * {@link #METADATA_KEY} as it appends; verification recomputes it from the stored rows, so both sides use this one
 * class.
 *
 * <p>The canonical form ({@link #FORM}) is the fields below in this order, each written as its length in bytes (a
 * 4-byte big-endian int) followed by the bytes, text in UTF-8 and an absent value as empty. The length prefix makes
 * the form unambiguous: no two different events give the same bytes by moving text from one field to the next.
 *
 * <ol>
 *   <li>the form's name, {@code kizuna-history-hash/1}
 *   <li>the previous event's hash, lowercase hex (empty for the first event of the aggregate)
 *   <li>the aggregate type ({@code Customer})
 *   <li>the aggregate identifier
 *   <li>the aggregate sequence number, in decimal
 *   <li>the event identifier
 *   <li>the payload type (class name)
 *   <li>the payload revision
 *   <li>the recorded time, exactly the text the store holds (ISO-8601 in UTC, milliseconds)
 *   <li>the payload bytes exactly as stored: where fields are encrypted, the ciphertext, so erasing a key keeps the
 *       chain verifiable
 * </ol>
 *
 * <p>Metadata is not part of the form (it holds the hash itself).
 */
public final class HistoryHash {

    /** The metadata key under which every stored event carries its hash. */
    public static final String METADATA_KEY = "kizuna.hash";

    /** The name and version of the canonical form, the first field hashed. */
    public static final String FORM = "kizuna-history-hash/1";

    /** The hash of the event before the first one of an aggregate. */
    public static final String NONE = "";

    private HistoryHash() {}

    /**
     * One stored event as the canonical form reads it. {@code payload} is the stored bytes, not copied: don't change
     * them while hashing.
     */
    public record StoredEvent(
            String aggregateType,
            String aggregateIdentifier,
            long sequenceNumber,
            String eventIdentifier,
            String payloadType,
            String payloadRevision,
            String timestamp,
            byte[] payload) {

        public StoredEvent {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The hash of {@code event} chained to {@code previousHash} ({@link #NONE} for an aggregate's first event). */
    public static String of(String previousHash, StoredEvent event) {
        MessageDigest digest = sha256();
        field(digest, FORM);
        field(digest, previousHash);
        field(digest, event.aggregateType());
        field(digest, event.aggregateIdentifier());
        field(digest, Long.toString(event.sequenceNumber()));
        field(digest, event.eventIdentifier());
        field(digest, event.payloadType());
        field(digest, event.payloadRevision());
        field(digest, event.timestamp());
        field(digest, event.payload());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String text) {
        field(digest, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
