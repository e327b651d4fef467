package io.kizuna.cli.importing;

import io.kizuna.cli.importing.Checkpoint.Counts;
import io.kizuna.cli.importing.RejectedLines.Rejection;
import io.kizuna.cli.importing.file.Entry;
import io.kizuna.cli.importing.file.EntryReader;
import io.kizuna.cli.importing.intake.BatchBuilder;
import io.kizuna.cli.importing.intake.BatchBuilder.Batch;
import io.kizuna.cli.importing.intake.Delivery;
import io.kizuna.cli.importing.intake.IntakeClient;
import io.kizuna.cli.importing.intake.IntakeException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kizuna import FILE}: streams a file of Segment messages (NDJSON, or CSV rows made into track calls) through
 * the platform's Segment-compatible intake in batches, checkpointing after each acknowledged batch so that a new run
 * continues where an interrupted one stopped, and ends with a summary of what was sent and which lines were rejected
 * and why. Exit status: 0 when every line was acknowledged or rejected, 1 when the import stopped early, 2 for a
 * usage error.
 */
public final class ImportCommand {

    public static final int OK = 0;
    public static final int ABORTED = 1;
    public static final int USAGE = 2;

    private static final int REJECTIONS_ON_SCREEN = 20;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private volatile Path running;
    private volatile long lineDone;

    /**
     * @param out where the summary goes
     * @param err where progress and problems go
     * @param terminal whether {@code err} is a terminal (the progress bar is then redrawn in place)
     */
    public ImportCommand(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public int run(List<String> args, Map<String, String> env) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(ImportOptions.USAGE);
            return OK;
        }
        ImportOptions options;
        try {
            options = ImportOptions.parse(args, env);
        } catch (UsageException e) {
            err.println("kizuna import: " + e.getMessage());
            err.print(ImportOptions.USAGE);
            return USAGE;
        }
        try {
            return run(options);
        } catch (UsageException e) {
            err.println("kizuna import: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("kizuna import: " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
            return ABORTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("kizuna import: interrupted; run the same command again to continue from the checkpoint");
            return ABORTED;
        }
    }

    /** Whether an import is under way, and the last line it finished (for a message on Ctrl-C). */
    public String interruptedMessage() {
        Path file = running;
        if (file == null) {
            return null;
        }
        return "kizuna import: interrupted after line %,d of %s; run the same command again to continue from there"
                .formatted(lineDone, file.getFileName());
    }

    int run(ImportOptions options) throws UsageException, IOException, InterruptedException {
        Path file = options.file();
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        String mapping = options.mapping() == null ? null : options.mapping().spec();
        String format = options.format().label();

        Checkpoint checkpoint = options.fresh() ? null : previous(file, size, modified);
        if (checkpoint != null
                && (!checkpoint.format().equals(format) || !Objects.equals(checkpoint.mapping(), mapping))) {
            throw new UsageException("the checkpoint %s was made with --format %s%s: run with the same options to"
                            .formatted(
                                    Checkpoint.pathFor(file),
                                    checkpoint.format(),
                                    checkpoint.mapping() == null ? "" : " --map " + checkpoint.mapping())
                    + " continue, or add --fresh to start over");
        }
        if (checkpoint != null && checkpoint.complete()) {
            err.printf(
                    "kizuna import: %s was imported completely (checkpoint of %s); nothing to send. --fresh sends it"
                            + " again (the intake stores nothing twice)%n",
                    file.getFileName(), checkpoint.updatedAt());
            summary(file, checkpoint, Duration.ZERO, 0, "already imported");
            return OK;
        }
        Instant startedAt = checkpoint == null ? Instant.now() : checkpoint.startedAt();
        long startLine = checkpoint == null ? 0 : checkpoint.line();
        long startOffset = checkpoint == null ? 0 : checkpoint.offset();
        Counts counts = checkpoint == null ? Counts.ZERO : checkpoint.counts();
        int runs = checkpoint == null ? 1 : checkpoint.runs() + 1;
        if (checkpoint != null) {
            err.printf(
                    "kizuna import: resuming %s at line %,d (%,d lines done by an earlier run; --fresh starts over)%n",
                    file.getFileName(), startLine + 1, startLine);
        }

        EntryReader reader;
        try {
            reader = options.format()
                    .open(file, options.mapping(), startOffset, startLine, BatchBuilder.MAX_MESSAGE_BYTES);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Progress progress = new Progress(err, terminal, file, size, startLine, startOffset);
        IntakeClient client = new IntakeClient(
                options.url(),
                options.writeKey(),
                options.retryFor(),
                (problem, wait) -> progress.notice(problem + "; trying again in " + IntakeClient.seconds(wait)));
        Delivery delivery = new Delivery(client);
        BatchBuilder builder = new BatchBuilder(
                options.batchSize(), BatchBuilder.MAX_REQUEST_BYTES, Math.max(5_000, 4 * options.batchSize()));

        Run run = new Run(file, size, modified, format, mapping, runs, startedAt);
        long started = System.nanoTime();
        long line = startLine;
        long offset = startOffset;
        long batches = 0;
        boolean complete = false;
        String stopped = null;
        running = file;
        lineDone = line;
        try (reader;
                RejectedLines rejected =
                        RejectedLines.open(file, checkpoint == null ? 0 : checkpoint.rejectedFileBytes())) {
            if (checkpoint == null) {
                // starting over: the old checkpoint (if any) no longer describes the rejected list or the counts
                run.checkpoint(startLine, startOffset, counts, rejected.bytes(), false)
                        .write(file);
            }
            Entry lookahead = null;
            boolean ended = false;
            while (!complete) {
                if (lookahead != null) {
                    builder.add(lookahead);
                    lookahead = null;
                }
                while (!ended) {
                    Entry entry = reader.next();
                    if (entry == null) {
                        ended = true;
                    } else if (!builder.add(entry)) {
                        lookahead = entry;
                        break;
                    }
                }
                complete = ended && lookahead == null;
                Batch batch = builder.build();
                if (!batch.entries().isEmpty()) {
                    List<Entry> messages = batch.messages();
                    Delivery.Outcome outcome;
                    try {
                        outcome =
                                messages.isEmpty() ? new Delivery.Outcome(0, List.of(), 0) : delivery.deliver(messages);
                    } catch (IntakeException e) {
                        complete = false;
                        stopped = e.getMessage();
                        break;
                    }
                    counts = counts.plus(record(batch, outcome, rejected));
                    batches++;
                }
                // once the whole file is read, the checkpoint also covers what follows the last entry (a header)
                line = complete ? reader.linesRead() : batch.last().lastLine();
                offset = complete ? reader.offset() : batch.last().endOffset();
                run.checkpoint(line, offset, counts, rejected.bytes(), complete).write(file);
                lineDone = line;
                progress.update(line, offset);
                if (!complete && options.maxBatches() > 0 && batches >= options.maxBatches()) {
                    if (lookahead == null && !ended) {
                        lookahead = reader.next();
                        ended = lookahead == null;
                    }
                    if (lookahead != null) {
                        stopped = "stopped after %,d batches as asked (--max-batches)".formatted(batches)
                                + "; run the same command without it to continue";
                        break;
                    }
                }
            }
        } finally {
            running = null;
            progress.finish();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Checkpoint last = Checkpoint.read(file);
        if (last == null) {
            last = run.checkpoint(startLine, startOffset, counts, 0, false);
        }
        if (last.counts().rejected() == 0) {
            Files.deleteIfExists(RejectedLines.pathFor(file));
        }
        if (stopped != null) {
            err.println("kizuna import: " + stopped);
        }
        summary(file, last, took, progress.rate(), stopped == null ? "done" : "stopped at line %,d".formatted(line));
        return stopped == null ? OK : ABORTED;
    }

    /** What stays the same over one run's checkpoints. */
    private record Run(
            Path file, long size, long modified, String format, String mapping, int runs, Instant startedAt) {

        Checkpoint checkpoint(long line, long offset, Counts counts, long rejectedBytes, boolean complete) {
            return new Checkpoint(
                    Checkpoint.VERSION,
                    file.toString(),
                    size,
                    modified,
                    format,
                    mapping,
                    line,
                    offset,
                    counts,
                    rejectedBytes,
                    complete,
                    runs,
                    startedAt,
                    Instant.now());
        }
    }

    /** The checkpoint to continue from, or {@code null} to start at the beginning (saying why). */
    private Checkpoint previous(Path file, long size, long modified) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(file);
        } catch (IOException e) {
            err.printf(
                    "kizuna import: the checkpoint %s cannot be read (%s); starting from the beginning%n",
                    Checkpoint.pathFor(file), e.getMessage());
            return null;
        }
        if (checkpoint != null && !checkpoint.fits(size, modified)) {
            err.printf(
                    "kizuna import: %s has changed since its checkpoint of %s (size or modification time); starting"
                            + " from the beginning%n",
                    file.getFileName(), checkpoint.updatedAt());
            return null;
        }
        return checkpoint;
    }

    /** Lists the batch's rejected lines, in line order, and returns what the batch adds to the totals. */
    private static Counts record(Batch batch, Delivery.Outcome outcome, RejectedLines rejected) throws IOException {
        List<Rejection> rejections = new ArrayList<>();
        long blank = 0;
        for (Entry entry : batch.entries()) {
            if (entry.isBlank()) {
                blank++;
            } else if (entry.rejection() != null) {
                rejections.add(new Rejection(
                        entry.firstLine(), entry.lastLine(), Rejection.HERE, entry.rejection(), entry.content()));
            }
        }
        long here = rejections.size();
        for (Delivery.Refusal refusal : outcome.refused()) {
            Entry entry = refusal.entry();
            rejections.add(new Rejection(
                    entry.firstLine(), entry.lastLine(), Rejection.INTAKE, refusal.reason(), entry.content()));
        }
        rejections.sort(Comparator.comparingLong(Rejection::line));
        for (Rejection r : rejections) {
            rejected.append(r);
        }
        int sent = outcome.acknowledged() + outcome.refused().size();
        return new Counts(
                blank, sent, outcome.acknowledged(), here, outcome.refused().size(), outcome.requests());
    }

    private void summary(Path file, Checkpoint c, Duration took, double rate, String state) throws IOException {
        Counts n = c.counts();
        out.printf("kizuna import: %s %s%n", file.getFileName(), state);
        out.printf("  lines read      %,d%s%n", c.line(), n.blank() == 0 ? "" : " (%,d blank)".formatted(n.blank()));
        out.printf("  messages sent   %,d in %,d requests%n", n.sent(), n.requests());
        out.printf(
                "  acknowledged    %,d (stored, or already stored before: the intake does not say which)%n",
                n.acknowledged());
        out.printf(
                "  rejected        %,d%s%n",
                n.rejected(),
                n.rejected() == 0
                        ? ""
                        : " (%,d here, %,d by the intake)".formatted(n.rejectedHere(), n.rejectedByIntake()));
        for (Rejection r : RejectedLines.first(file, REJECTIONS_ON_SCREEN)) {
            String lines = r.lastLine() == r.line()
                    ? "line %,d".formatted(r.line())
                    : "lines %,d-%,d".formatted(r.line(), r.lastLine());
            out.printf("    %s (%s): %s%n", lines, r.by(), oneLine(r.reason()));
        }
        if (n.rejected() > 0) {
            out.printf(
                    "  %s in %s%n",
                    n.rejected() > REJECTIONS_ON_SCREEN ? "all rejected lines" : "rejected lines with their text",
                    RejectedLines.pathFor(file));
        }
        if (!took.isZero()) {
            out.printf(
                    "  this run        %s, %,d lines/s%s%n",
                    human(took), Math.round(rate), c.runs() > 1 ? " (run %d of this import)".formatted(c.runs()) : "");
        }
        if (Files.exists(Checkpoint.pathFor(file))) {
            out.printf("  checkpoint      %s%n", Checkpoint.pathFor(file));
        }
        out.flush();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    /** Durations as people read them: {@code 4.2 s}, {@code 41 s}, {@code 3 min 12 s}, {@code 1 h 5 min}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 10_000 ? "%.1f s".formatted(d.toMillis() / 1000.0) : s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }
}
