package io.kizuna.bench.report;

import java.io.PrintStream;

/**
 * Shows a phase's progress on stderr: done of total, the rate and the time left; redrawn in place on a terminal, a
 * line every five seconds otherwise.
 */
public final class Progress {

    private final PrintStream err;
    private final boolean terminal;
    private final String phase;
    private final long total;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDrawn = started;
    private int width;

    public Progress(PrintStream err, boolean terminal, String phase, long total, String unit) {
        this.err = err;
        this.terminal = terminal;
        this.phase = phase;
        this.total = total;
        this.unit = unit;
    }

    public synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastDrawn >= (terminal ? 250_000_000L : 5_000_000_000L)) {
            lastDrawn = now;
            draw(done, now);
        }
    }

    public synchronized void finish(long done) {
        draw(done, System.nanoTime());
        if (terminal) {
            err.println();
            width = 0;
        }
    }

    private void draw(long done, long now) {
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String text = String.format(
                "kizuna bench: %s %,d / %,d %s (%d%%)  %,.0f %s/s%s",
                phase,
                done,
                total,
                unit,
                total == 0 ? 100 : done * 100 / total,
                rate,
                unit,
                rate > 0 && done < total ? "  ETA " + clock(Math.round((total - done) / rate)) : "");
        if (terminal) {
            String padded = text.length() < width ? text + " ".repeat(width - text.length()) : text;
            err.print("\r" + padded);
            err.flush();
            width = text.length();
        } else {
            err.println(text);
        }
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
