package io.kizuna.bench.phase;

import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import java.io.PrintStream;
import tools.jackson.databind.JsonNode;

/**
 * A full view rebuild from the event store ({@code rebuildViews}), followed through {@code rebuildJob} until it is no
 * longer running: events per second over the whole job, as the bench's clock measures it.
 */
public final class Rebuild {

    private static final String START = "mutation { rebuildViews { id state done total } }";
    private static final String JOB =
            "query($id: ID!) { rebuildJob(id: $id) { id state done total ratePerSecond startedAt finishedAt outcome } }";

    /** @param platformRatePerSecond the job's own figure at the end */
    public record Result(
            String jobId,
            String state,
            long events,
            double seconds,
            double eventsPerSecond,
            Double platformRatePerSecond,
            String outcome) {}

    private final PlatformClient client;
    private final PrintStream err;

    public Rebuild(PlatformClient client, PrintStream err) {
        this.client = client;
        this.err = err;
    }

    public Result run(long timeoutMillis) throws InterruptedException {
        long started = System.nanoTime();
        JsonNode job = client.data(START, null).get("rebuildViews");
        String id = job.get("id").asString();
        long deadline = started + timeoutMillis * 1_000_000L;
        long lastLog = started;
        while ("RUNNING".equals(job.get("state").asString())
                || "PENDING".equals(job.get("state").asString())
                || "STARTING".equals(job.get("state").asString())) {
            if (System.nanoTime() > deadline) {
                throw new BenchException("the rebuild " + id + " did not finish within " + timeoutMillis / 1000
                        + " s (done " + job.get("done") + " of " + job.get("total") + ")");
            }
            Thread.sleep(250);
            JsonNode answer = client.data(JOB, PlatformClient.vars("id", id)).get("rebuildJob");
            if (answer == null || answer.isNull()) {
                throw new BenchException("the platform no longer knows rebuild job " + id + " (restarted?)");
            }
            job = answer;
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                err.printf(
                        "kizuna bench: rebuild %,d / %,d events%n",
                        job.get("done").asLong(), job.get("total").asLong());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = job.get("done").asLong();
        JsonNode rate = job.get("ratePerSecond");
        return new Result(
                id,
                job.get("state").asString(),
                events,
                seconds,
                events / seconds,
                rate == null || rate.isNull() ? null : rate.asDouble(),
                job.get("outcome") == null || job.get("outcome").isNull()
                        ? null
                        : job.get("outcome").asString());
    }
}
