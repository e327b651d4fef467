package io.kizuna.cli.importing;

import io.kizuna.cli.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import tools.jackson.core.JacksonException;

/**
 * Where an import of a file stands, written next to the file ({@code FILE.kizuna-import.json}) after each batch the
 * intake acknowledged. A new run on the same, unchanged file (same size and modification time) continues from
 * {@code line}/{@code offset}. A crash between a batch being stored and its checkpoint costs only a resend, which
 * the intake deduplicates by messageId.
 *
 * @param file the file's absolute path
 * @param size the file's size when imported: with {@code modifiedMillis}, the fingerprint
 * @param format {@code ndjson} or {@code csv}
 * @param mapping the CSV mapping ({@code null} for NDJSON): a resume must read rows the same way
 * @param line the last line done (acknowledged, rejected, or blank)
 * @param offset the byte offset where the next line starts
 * @param counts the totals so far, over all runs
 * @param rejectedFileBytes how much of {@code FILE.kizuna-import.rejected.ndjson} belongs to the lines done; a
 *     resume cuts off anything written after (for lines that will be read again)
 * @param complete every line is done
 * @param runs how many runs the import took so far
 */
public record Checkpoint(
        int version,
        String file,
        long size,
        long modifiedMillis,
        String format,
        String mapping,
        long line,
        long offset,
        Counts counts,
        long rejectedFileBytes,
        boolean complete,
        int runs,
        Instant startedAt,
        Instant updatedAt) {

    public static final int VERSION = 1;

    /**
     * The totals of an import.
     *
     * @param sent messages posted to the intake (each counted once, however often it was resent)
     * @param acknowledged messages the intake answered 200 for: stored, or already stored (it does not tell which)
     * @param rejectedHere lines refused before sending (not JSON, unknown type, too large, unmappable CSV row)
     * @param rejectedByIntake messages the intake refused (400)
     */
    public record Counts(
            long blank, long sent, long acknowledged, long rejectedHere, long rejectedByIntake, long requests) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        public long rejected() {
            return rejectedHere + rejectedByIntake;
        }

        public Counts plus(Counts other) {
            return new Counts(
                    blank + other.blank,
                    sent + other.sent,
                    acknowledged + other.acknowledged,
                    rejectedHere + other.rejectedHere,
                    rejectedByIntake + other.rejectedByIntake,
                    requests + other.requests);
        }
    }

    /** {@code FILE.kizuna-import.json}. */
    public static Path pathFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".kizuna-import.json");
    }

    /** The checkpoint next to {@code file}, or {@code null} if there is none. */
    public static Checkpoint read(Path file) throws IOException {
        Path path = pathFor(file);
        if (!Files.exists(path)) {
            return null;
        }
        try {
            Checkpoint checkpoint = Json.MAPPER.readValue(path.toFile(), Checkpoint.class);
            if (checkpoint.version() != VERSION || checkpoint.counts() == null) {
                throw new IOException("unknown checkpoint version " + checkpoint.version());
            }
            return checkpoint;
        } catch (JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code file} is still the file this checkpoint was written for. */
    public boolean fits(long size, long modifiedMillis) {
        return this.size == size && this.modifiedMillis == modifiedMillis;
    }

    /** Writes the checkpoint next to its file, all at once: a crash leaves the old one or the new one. */
    public void write(Path file) throws IOException {
        Path path = pathFor(file);
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        Files.write(partial, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        try {
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
