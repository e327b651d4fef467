package io.kizuna.cli.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows an import's progress on stderr: lines done of the file's total (counted by a quick pass in the background),
 * the rate of this run and the time left (from bytes, which the first pass need not finish for). On a terminal one
 * line is redrawn in place; otherwise (a log, CI) a line is written every few seconds.
 */
final class Progress {

    private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int BAR = 24;

    private final PrintStream err;
    private final boolean terminal;
    private final long fileSize;
    private final long startLine;
    private final long startOffset;
    private final long started = System.nanoTime();
    private final AtomicLong totalLines = new AtomicLong(-1);
    private final Thread counter;
    private long lastDrawn;
    private long lastDrawnLine = -1;
    private int drawnWidth;
    private long line;
    private long offset;

    Progress(PrintStream err, boolean terminal, Path file, long fileSize, long startLine, long startOffset) {
        this.err = err;
        this.terminal = terminal;
        this.fileSize = fileSize;
        this.startLine = startLine;
        this.startOffset = startOffset;
        this.line = startLine;
        this.offset = startOffset;
        this.counter = new Thread(() -> countLines(file), "kizuna-import-line-count");
        counter.setDaemon(true);
        counter.start();
        lastDrawn = started;
    }

    /** The import has reached {@code line}, which ends at byte {@code offset}. */
    synchronized void update(long line, long offset) {
        this.line = line;
        this.offset = offset;
        long now = System.nanoTime();
        if (now - lastDrawn >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            draw(now);
        }
    }

    /** A message of its own (a retry, a warning), without garbling the bar. */
    synchronized void notice(String text) {
        clear();
        err.println("kizuna import: " + text);
        if (terminal && drawnWidth > 0) {
            draw(System.nanoTime());
        }
    }

    /** Draws the final state and ends the bar's line. */
    synchronized void finish() {
        counter.interrupt();
        if (terminal) {
            draw(System.nanoTime());
            err.println();
            drawnWidth = 0;
        } else if (line > startLine && line != lastDrawnLine) {
            draw(System.nanoTime());
        }
    }

    /** Lines of this run per second. */
    synchronized double rate() {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : (line - startLine) / seconds;
    }

    private void draw(long now) {
        lastDrawn = now;
        lastDrawnLine = line;
        String text = render(now);
        if (terminal) {
            String padded = text.length() < drawnWidth ? text + " ".repeat(drawnWidth - text.length()) : text;
            err.print("\r" + padded);
            err.flush();
            drawnWidth = text.length();
        } else {
            err.println("kizuna import: " + text);
        }
    }

    private void clear() {
        if (terminal && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
        }
    }

    String render(long now) {
        double fraction = fileSize <= 0 ? 1 : Math.min(1, (double) offset / fileSize);
        long total = totalLines.get();
        StringBuilder text = new StringBuilder();
        if (terminal) {
            int filled = (int) Math.floor(fraction * BAR);
            text.append('[')
                    .append("#".repeat(filled))
                    .append("-".repeat(BAR - filled))
                    .append("] ");
        }
        text.append(String.format("%3d%%  ", (int) Math.floor(fraction * 100)));
        text.append(String.format("%,d", line));
        text.append(total >= 0 ? String.format(" / %,d lines", Math.max(total, line)) : " lines");
        double seconds = (now - started) / 1e9;
        long linesThisRun = line - startLine;
        long bytesThisRun = offset - startOffset;
        if (seconds >= 0.5 && linesThisRun > 0) {
            text.append(String.format("  %,d lines/s", Math.round(linesThisRun / seconds)));
            long remaining = Math.max(0, fileSize - offset);
            if (bytesThisRun > 0) {
                text.append("  ETA ").append(clock(Math.round(remaining * seconds / bytesThisRun)));
            }
        }
        return text.toString();
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** Counts the file's lines (line feeds, plus a last line without one). */
    private void countLines(Path file) {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        int last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        } catch (IOException e) {
            return;
        }
        totalLines.set(last == '\n' ? lines : lines + 1);
    }
}
