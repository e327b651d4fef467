package io.kizuna.cli.importing.intake;

import io.kizuna.cli.importing.file.Entry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers consecutive entries of a file into one batch request that stays under the intake's limits: at most
 * {@code maxMessages} messages and {@code maxRequestBytes} of body ({@code {"batch":[...]}}). Blank and rejected
 * entries ride along without counting, so the batch's last entry tells where the import stands once it is sent.
 */
public final class BatchBuilder {

    /** Segment's limits, which the intake enforces. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;

    public static final int MAX_REQUEST_BYTES = 500 * 1024;
    public static final int MAX_MESSAGES = 2500;

    private static final byte[] OPEN = "{\"batch\":[".getBytes();
    private static final byte[] CLOSE = "]}".getBytes();

    private final int maxMessages;
    private final long maxRequestBytes;
    private final int maxEntries;
    private final List<Entry> entries = new ArrayList<>();
    private int messages;
    private long messageBytes;

    /**
     * @param maxEntries most entries of any kind, so a long run of rejected lines is still checkpointed now and then
     */
    public BatchBuilder(int maxMessages, long maxRequestBytes, int maxEntries) {
        this.maxMessages = maxMessages;
        this.maxRequestBytes = maxRequestBytes;
        this.maxEntries = maxEntries;
    }

    /** A batch of the file's entries, in order; only its messages are sent. */
    public record Batch(List<Entry> entries) {

        public List<Entry> messages() {
            return entries.stream().filter(Entry::isMessage).toList();
        }

        public Entry last() {
            return entries.get(entries.size() - 1);
        }
    }

    /** Adds {@code entry} if the batch still has room for it; {@code false} means: send this batch, then add it. */
    public boolean add(Entry entry) {
        if (entries.size() >= maxEntries) {
            return false;
        }
        if (entry.isMessage()) {
            int length = entry.message().length;
            if (messages >= maxMessages
                    || (messages > 0 && requestBytes(messages + 1, messageBytes + length) > maxRequestBytes)) {
                return false;
            }
            messages++;
            messageBytes += length;
        }
        entries.add(entry);
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The batch so far; the builder starts over empty. */
    public Batch build() {
        Batch batch = new Batch(List.copyOf(entries));
        entries.clear();
        messages = 0;
        messageBytes = 0;
        return batch;
    }

    /** Size of the body {@link #body} makes of {@code messages} messages of {@code messageBytes} in all. */
    public static long requestBytes(int messages, long messageBytes) {
        return OPEN.length + messageBytes + Math.max(0, messages - 1) + CLOSE.length;
    }

    /** {@code {"batch":[m1,m2,...]}}. */
    public static byte[] body(List<Entry> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OPEN);
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(messages.get(i).message());
        }
        out.writeBytes(CLOSE);
        return out.toByteArray();
    }
}
