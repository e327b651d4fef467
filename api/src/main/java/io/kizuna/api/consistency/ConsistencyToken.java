package io.kizuna.api.consistency;

import io.kizuna.api.validation.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Read-your-writes: for each customer a write touched, the last event sequence number it produced. A query that
 * is given the token waits until the views show at least those sequence numbers. Opaque to clients; it holds
 * platform-generated customer ids only, never personal data.
 */
public record ConsistencyToken(Map<String, Long> lastSequenceByCustomer) {

    private static final byte FORMAT = 1;
    private static final int MAX_CUSTOMERS = 10_000;

    public ConsistencyToken {
        lastSequenceByCustomer = Collections.unmodifiableMap(new LinkedHashMap<>(lastSequenceByCustomer));
    }

    public static ConsistencyToken empty() {
        return new ConsistencyToken(Map.of());
    }

    public boolean isEmpty() {
        return lastSequenceByCustomer.isEmpty();
    }

    /** A token that requires both this one's and the other's writes. */
    public ConsistencyToken and(ConsistencyToken other) {
        Map<String, Long> merged = new LinkedHashMap<>(lastSequenceByCustomer);
        other.lastSequenceByCustomer.forEach((customer, seq) -> merged.merge(customer, seq, Math::max));
        return new ConsistencyToken(merged);
    }

    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + lastSequenceByCustomer.size() * 20);
        out.write(FORMAT);
        ByteBuffer uuid = ByteBuffer.allocate(16);
        lastSequenceByCustomer.forEach((customer, seq) -> {
            UUID id = UUID.fromString(customer);
            uuid.clear();
            uuid.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            out.write(uuid.array(), 0, 16);
            long v = seq;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** Decodes a token a client sent back; {@code null} or blank gives the empty token. */
    public static ConsistencyToken decode(String text) {
        if (text == null || text.isBlank()) {
            return empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text.strip()));
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown format");
            }
            Map<String, Long> entries = new LinkedHashMap<>();
            while (in.hasRemaining()) {
                UUID id = new UUID(in.getLong(), in.getLong());
                long seq = 0;
                int shift = 0;
                byte b;
                do {
                    b = in.get();
                    seq |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0 && shift < 64);
                entries.put(id.toString(), seq);
                if (entries.size() > MAX_CUSTOMERS) {
                    throw new IllegalArgumentException("too many entries");
                }
            }
            return new ConsistencyToken(entries);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "consistencyToken",
                    "not a consistency token returned by a Kizuna mutation: pass it back unchanged");
        }
    }
}
