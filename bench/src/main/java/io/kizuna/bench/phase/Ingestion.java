package io.kizuna.bench.phase;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Message;
import io.kizuna.bench.generate.SegmentJson;
import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import io.kizuna.bench.platform.PlatformClient.IntakeAnswer;
import io.kizuna.bench.report.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a dataset through the Segment intake ({@code POST /v1/batch}) with {@code clients} concurrent clients, as
 * fast as the platform acknowledges: first the online traffic in order of business time, then the late offline data.
 * Each client takes the next batch when its previous one was acknowledged.
 */
public final class Ingestion {

    /**
     * @param messagesAcknowledged calls acknowledged (retries included)
     * @param touchpointsAcknowledged touchpoint calls acknowledged (retries included)
     * @param refused calls in batches the intake refused (400), which are not stored
     * @param failedBatches batches the intake kept failing (5xx) for the retry time; their calls were then sent one
     *     at a time, as a careful integrator does
     * @param failed calls that still failed when sent alone, and again when sent once more after all the rest
     * @param startedNanos {@link System#nanoTime()} at the first send
     * @param finishedNanos at the last acknowledgement
     */
    public record Result(
            long messagesAcknowledged,
            long touchpointsAcknowledged,
            long refused,
            long failedBatches,
            long failed,
            long batches,
            long retries,
            long startedNanos,
            long finishedNanos,
            String firstRefusal) {

        public double seconds() {
            return (finishedNanos - startedNanos) / 1e9;
        }
    }

    private final PlatformClient client;
    private final Sources sources;
    private final int clients;
    private final int batchSize;
    private final PrintStream err;
    private final boolean terminal;
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Message> failedAlone = java.util.Collections.synchronizedList(new ArrayList<>());

    public Ingestion(
            PlatformClient client, Sources sources, int clients, int batchSize, PrintStream err, boolean terminal) {
        this.client = client;
        this.sources = sources;
        this.clients = clients;
        this.batchSize = batchSize;
        this.err = err;
        this.terminal = terminal;
    }

    public Result run(Dataset data) throws InterruptedException {
        SegmentJson json = new SegmentJson(data);
        List<List<Message>> batches = new ArrayList<>();
        split(data.online(), batches);
        int onlineBatches = batches.size();
        split(data.late(), batches);
        long total = data.online().size() + data.late().size();
        Progress progress = new Progress(err, terminal, "ingestion", total, "messages");
        AtomicLong messages = new AtomicLong();
        AtomicLong touchpoints = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        this.failedBatches.set(0);
        this.failed.set(0);
        this.failedAlone.clear();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        long retriesBefore = client.intakeRetries();
        long started = System.nanoTime();
        // online first, all of it acknowledged, then the late offline data
        sendAll(batches.subList(0, onlineBatches), json, messages, touchpoints, refused, firstRefusal, progress);
        sendAll(
                batches.subList(onlineBatches, batches.size()),
                json,
                messages,
                touchpoints,
                refused,
                firstRefusal,
                progress);
        // a client keeps what failed and delivers it once more at the end, when the rest is stored
        List<Message> again = List.copyOf(failedAlone);
        failed.addAndGet(-again.size());
        if (!again.isEmpty()) {
            err.println("kizuna bench: sending the " + again.size() + " messages that failed once more");
        }
        for (Message m : again) {
            count(List.of(m), send(json.batch(List.of(m))), messages, touchpoints, refused, firstRefusal);
        }
        long finished = System.nanoTime();
        progress.finish(messages.get() + refused.get() + failed.get());
        return new Result(
                messages.get(),
                touchpoints.get(),
                refused.get(),
                failedBatches.get(),
                failed.get(),
                batches.size(),
                client.intakeRetries() - retriesBefore,
                started,
                finished,
                firstRefusal.get());
    }

    private void split(List<Message> messages, List<List<Message>> into) {
        for (int i = 0; i < messages.size(); i += batchSize) {
            into.add(messages.subList(i, Math.min(messages.size(), i + batchSize)));
        }
    }

    private void sendAll(
            List<List<Message>> batches,
            SegmentJson json,
            AtomicLong messages,
            AtomicLong touchpoints,
            AtomicLong refused,
            AtomicReference<String> firstRefusal,
            Progress progress)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-intake-client");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < batches.size()) {
                        List<Message> batch = batches.get(i);
                        IntakeAnswer answer = send(json.batch(batch));
                        if (answer.status() >= 500 || answer.status() == 429) {
                            failedBatches.incrementAndGet();
                            firstRefusal.compareAndSet(
                                    null, "batch failed: HTTP " + answer.status() + ": " + answer.body());
                            err.println("kizuna bench: a batch kept failing (HTTP " + answer.status()
                                    + "); sending its messages one at a time");
                            for (Message m : batch) {
                                IntakeAnswer single = send(json.batch(List.of(m)));
                                count(List.of(m), single, messages, touchpoints, refused, firstRefusal);
                            }
                        } else {
                            count(batch, answer, messages, touchpoints, refused, firstRefusal);
                        }
                        progress.update(messages.get() + refused.get() + failed.get());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof BenchException b) {
                        throw b;
                    }
                    throw new BenchException("an intake client failed: " + cause, cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void count(
            List<Message> batch,
            IntakeAnswer answer,
            AtomicLong messages,
            AtomicLong touchpoints,
            AtomicLong refused,
            AtomicReference<String> firstRefusal) {
        if (answer.accepted()) {
            messages.addAndGet(batch.size());
            touchpoints.addAndGet(batch.stream().filter(Message::touchpoint).count());
        } else if (answer.status() >= 500 || answer.status() == 429) {
            failed.addAndGet(batch.size());
            failedAlone.addAll(batch);
        } else {
            refused.addAndGet(batch.size());
            firstRefusal.compareAndSet(null, "HTTP " + answer.status() + ": " + answer.body());
        }
    }

    private IntakeAnswer send(byte[] body) throws InterruptedException {
        IntakeAnswer answer = client.sendBatch(body);
        if (answer.status() == 401 || answer.status() == 403) {
            // an API key the intake does not take (yet): fall back to a source's write key, once
            if (sources.fallBackToWriteKey(answer)) {
                answer = client.sendBatch(body);
            }
            if (answer.status() == 401 || answer.status() == 403) {
                throw new BenchException("the intake refused the credentials (HTTP " + answer.status() + ": "
                        + answer.body() + "): give --api-key or --write-key");
            }
        }
        return answer;
    }
}
