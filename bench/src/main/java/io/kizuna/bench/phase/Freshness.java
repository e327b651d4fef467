package io.kizuna.bench.phase;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Message;
import io.kizuna.bench.generate.SegmentJson;
import io.kizuna.bench.platform.PlatformClient;
import io.kizuna.bench.report.Latencies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Freshness: how long after the intake acknowledged a touchpoint it shows in the customer's timeline through GraphQL.
 * A background load of generated traffic runs at a target rate (half the measured ingestion rate) while a marker
 * touchpoint is sent every {@code markerInterval} by each of a few probes (each its own marker customer) and its
 * timeline polled every 25 ms until it shows (finer polling would add more read load than it buys precision: the
 * target is 2 s).
 */
public final class Freshness {

    /**
     * @param latencies acknowledged-to-visible times of the markers that showed
     * @param timeouts markers that did not show within 30 s
     * @param loadPerSecond touchpoints per second the background load achieved
     */
    public record Result(Latencies latencies, long timeouts, double targetPerSecond, double loadPerSecond) {}

    private static final long MARKER_TIMEOUT_MS = 30_000;
    private static final long POLL_MILLIS = 25;

    private final PlatformClient client;
    private final Markers markers;
    private final int clients;
    private final int batchSize;
    private final PrintStream err;
    private final int markerCustomers;

    /** @param markerCustomers probes running at once, each with its own marker customer */
    public Freshness(
            PlatformClient client, Markers markers, int clients, int batchSize, int markerCustomers, PrintStream err) {
        this.markerCustomers = markerCustomers;
        this.client = client;
        this.markers = markers;
        this.clients = clients;
        this.batchSize = batchSize;
        this.err = err;
    }

    /**
     * One probe: a marker on its own customer every {@code intervalMillis}, polled until visible, until {@code
     * deadline}.
     */
    private void probe(int customer, long deadline, long intervalMillis, Latencies latencies, AtomicLong timeouts)
            throws InterruptedException {
        int k = 0;
        while (System.nanoTime() < deadline) {
            long tick = System.nanoTime();
            String id = markers.userId(customer) + "-f" + (k++);
            long acknowledged = markers.send(List.of(customer), id);
            long seen = -1;
            long giveUp = acknowledged + MARKER_TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < giveUp) {
                if (markers.visible(customer, id)) {
                    seen = System.nanoTime();
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (seen < 0) {
                timeouts.incrementAndGet();
                err.println("kizuna bench: freshness marker " + id + " not visible after 30 s");
            } else {
                latencies.add(seen - acknowledged);
            }
            long wait = intervalMillis - (System.nanoTime() - tick) / 1_000_000L;
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    /**
     * @param load traffic for the background load (its online messages are sent in order, at most once each)
     * @param targetPerSecond the background load's rate in messages per second (0: markers only)
     */
    public Result run(Dataset load, double targetPerSecond, long durationMillis, long markerIntervalMillis)
            throws InterruptedException {
        SegmentJson json = new SegmentJson(load);
        List<List<Message>> batches = new ArrayList<>();
        List<Message> online = load.online();
        int size = targetPerSecond > 0 ? (int) Math.max(1, Math.min(batchSize, targetPerSecond / 4)) : batchSize;
        for (int i = 0; i < online.size(); i += size) {
            batches.add(online.subList(i, Math.min(online.size(), i + size)));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(clients);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        if (targetPerSecond > 0 && !batches.isEmpty()) {
            long periodMicros = (long) (size * 1e6 / targetPerSecond);
            pacer.scheduleAtFixedRate(
                    () -> {
                        // a client still busy with earlier batches: skip this tick rather than pile up requests
                        if (inFlight.get() >= clients) {
                            return;
                        }
                        int i = next.getAndIncrement();
                        if (i >= batches.size()) {
                            return;
                        }
                        inFlight.incrementAndGet();
                        senders.submit(() -> {
                            try {
                                if (client.sendBatch(json.batch(batches.get(i))).accepted()) {
                                    sent.addAndGet(batches.get(i).size());
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
                    },
                    0,
                    Math.max(1, periodMicros),
                    TimeUnit.MICROSECONDS);
        }
        Latencies latencies = new Latencies();
        AtomicLong timeouts = new AtomicLong();
        long deadline = started + durationMillis * 1_000_000L;
        ExecutorService probes = Executors.newFixedThreadPool(markerCustomers);
        try {
            List<java.util.concurrent.Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < markerCustomers; c++) {
                int customer = c;
                loops.add(probes.submit(() -> {
                    probe(customer, deadline, markerIntervalMillis, latencies, timeouts);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("a freshness probe failed", e.getCause());
                }
            }
        } finally {
            probes.shutdownNow();
            pacer.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(latencies, timeouts.get(), targetPerSecond, sent.get() / seconds);
    }
}
