package io.kizuna.query.verification;

import io.kizuna.api.history.HistoryVerification;
import io.kizuna.api.job.JobProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Verifies the history of every customer in the background, merged-away customers included (their events are history
 * too), one job at a time: starting while one runs answers with the running one. Progress (customers done of the
 * total, rate, time left) is kept for {@code FindVerificationJob} and logged every 5 seconds; the outcome names the
 * first few broken histories by customer id. Jobs live in this node's memory (the last few are kept).
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
public class HistoryVerificationJobs implements DisposableBean {

    /** Kind of the job in {@link JobProgress#kind()}. */
    public static final String KIND = "HISTORY_VERIFICATION";

    static final String ID_PREFIX = "verify-";
    static final int PAGE_SIZE = 500;
    static final int BROKEN_NAMED = 5;
    private static final int JOBS_KEPT = 20;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(HistoryVerificationJobs.class);

    // customers are enumerated by id (keyset pages over the unique index on aggregate id and sequence), which also
    // finds a customer whose first event was deleted
    private static final String COUNT_CUSTOMERS =
            "SELECT COUNT(DISTINCT aggregateIdentifier) FROM DomainEventEntry WHERE type = ?";
    private static final String CUSTOMERS_AFTER = "SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry"
            + " WHERE type = ? AND aggregateIdentifier > ? ORDER BY aggregateIdentifier LIMIT " + PAGE_SIZE;

    private final HistoryVerifier verifier;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "history-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private Job running;

    public HistoryVerificationJobs(HistoryVerifier verifier, DataSource dataSource, ObjectProvider<Clock> clock) {
        this.verifier = verifier;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Starts a verification of every history, or answers with the one already running. */
    public synchronized JobProgress start() {
        if (running != null && running.finishedAt == null) {
            return running.progress();
        }
        Job job = new Job(ID_PREFIX + UUID.randomUUID(), clock.instant());
        jobs.put(job.id, job);
        while (jobs.size() > JOBS_KEPT) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        running = job;
        executor.execute(() -> run(job));
        return job.progress();
    }

    /** The progress of a job started on this node, or null. */
    public synchronized JobProgress find(String id) {
        Job job = jobs.get(id);
        return job == null ? null : job.progress();
    }

    private void run(Job job) {
        log.info("History verification {} started", job.id);
        try {
            job.total.set(jdbc.queryForObject(COUNT_CUSTOMERS, Long.class, HistoryVerifier.CUSTOMER));
            Instant lastLog = clock.instant();
            String after = "";
            List<String> page;
            do {
                page = jdbc.queryForList(CUSTOMERS_AFTER, String.class, HistoryVerifier.CUSTOMER, after);
                for (String customerId : page) {
                    boolean ok = verifier.verify(customerId)
                            .map(HistoryVerification::ok)
                            .orElse(true);
                    job.customerDone(customerId, ok);
                    if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
                        lastLog = clock.instant();
                        logProgress(job.progress());
                    }
                }
                after = page.isEmpty() ? after : page.get(page.size() - 1);
            } while (page.size() == PAGE_SIZE);
            job.finish("DONE", job.outcome(), clock.instant());
            log.info("History verification {} done: {}", job.id, job.outcome());
        } catch (RuntimeException e) {
            log.error("History verification {} failed", job.id, e);
            job.finish("FAILED", "failed: " + e.getClass().getSimpleName(), clock.instant());
        }
    }

    private static void logProgress(JobProgress progress) {
        log.info(
                "History verification {}: {}/{} histories, {} per second, about {} s left",
                progress.id(),
                progress.done(),
                progress.total(),
                progress.ratePerSecond() == null ? "?" : String.format("%.1f", progress.ratePerSecond()),
                progress.etaSeconds() == null ? "?" : String.format("%.0f", progress.etaSeconds()));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** One verification run; its counters are written by the job's thread and read by queries. */
    private final class Job {

        private final String id;
        private final Instant startedAt;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong done = new AtomicLong();
        private final List<String> brokenNamed = new ArrayList<>();
        private long broken;
        private volatile String state = "RUNNING";
        private volatile Instant finishedAt;
        private volatile String outcome;

        Job(String id, Instant startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        synchronized void customerDone(String customerId, boolean ok) {
            if (!ok) {
                broken++;
                if (brokenNamed.size() < BROKEN_NAMED) {
                    brokenNamed.add(customerId);
                }
            }
            done.incrementAndGet();
        }

        synchronized String outcome() {
            String verified = done.get() + (done.get() == 1 ? " history verified, " : " histories verified, ");
            if (broken == 0) {
                return verified + "none broken";
            }
            String named = String.join(", ", brokenNamed);
            return verified + broken + " broken: " + named + (broken > brokenNamed.size() ? ", ..." : "");
        }

        void finish(String state, String outcome, Instant at) {
            this.outcome = outcome;
            this.state = state;
            this.finishedAt = at;
        }

        JobProgress progress() {
            Instant end = finishedAt;
            long doneNow = done.get();
            // customers registered while the job runs may be counted without being in the total
            long totalNow = Math.max(total.get(), doneNow);
            double seconds = Duration.between(startedAt, end != null ? end : clock.instant())
                            .toMillis()
                    / 1000.0;
            Double rate = doneNow > 0 && seconds > 0 ? doneNow / seconds : null;
            Double eta = end != null ? Double.valueOf(0) : rate == null ? null : (totalNow - doneNow) / rate;
            return new JobProgress(id, KIND, state, doneNow, totalNow, rate, eta, startedAt, end, outcome);
        }
    }
}
