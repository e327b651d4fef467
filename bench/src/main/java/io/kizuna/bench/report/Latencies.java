package io.kizuna.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of repeated requests, and their percentiles (nearest rank) in milliseconds. */
public final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    public synchronized void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    public synchronized int count() {
        return nanos.size();
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in ms, NaN without samples. */
    public synchronized double percentileMs(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    public synchronized double maxMs() {
        return nanos.isEmpty() ? Double.NaN : Collections.max(nanos) / 1e6;
    }

    /** Writes {@code <prefix>.p50_ms}, {@code p95_ms}, {@code p99_ms}, {@code max_ms} and {@code samples}. */
    public void report(Report report, String prefix) {
        report.put(prefix + ".p50_ms", percentileMs(50));
        report.put(prefix + ".p95_ms", percentileMs(95));
        report.put(prefix + ".p99_ms", percentileMs(99));
        report.put(prefix + ".max_ms", maxMs());
        report.put(prefix + ".samples", count());
    }
}
