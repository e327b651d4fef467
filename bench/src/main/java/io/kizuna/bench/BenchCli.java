package io.kizuna.bench;

import io.kizuna.bench.ceiling.ElasticsearchCeiling;
import io.kizuna.bench.ceiling.PostgresCeiling;
import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.JourneyGenerator;
import io.kizuna.bench.phase.Freshness;
import io.kizuna.bench.phase.Ingestion;
import io.kizuna.bench.phase.Markers;
import io.kizuna.bench.phase.Queries;
import io.kizuna.bench.phase.Rebuild;
import io.kizuna.bench.phase.Sources;
import io.kizuna.bench.phase.StoredCount;
import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import io.kizuna.bench.report.Latencies;
import io.kizuna.bench.report.Report;
import io.kizuna.bench.resources.ProcessSampler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./kizuna bench}: measures a running platform through its public APIs, phase by phase (ingestion, projection
 * catch-up and what was stored, freshness, GraphQL latency, full rebuild), then the raw PostgreSQL and Elasticsearch
 * ceilings of the same machine, while sampling the CPU and memory of the platform, Elasticsearch and PostgreSQL.
 * Prints a table and writes the JSON report; BENCHMARKS.md says how to read both.
 */
public final class BenchCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The targets: key, comparison, bound, unit. */
    record Target(String key, boolean atLeast, double bound, String unit) {}

    static final List<Target> TARGETS = List.of(
            new Target("ingestion.acknowledged_per_second", true, 10_000, "touchpoints/s"),
            new Target("freshness.p99_ms", false, 2_000, "ms"),
            new Target("rebuild.events_per_second", true, 20_000, "events/s"),
            new Target("graphql.profile_by_id.p99_ms", false, 10, "ms"),
            new Target("graphql.search.p99_ms", false, 50, "ms"),
            new Target("graphql.timeline_page.p99_ms", false, 20, "ms"),
            new Target("graphql.time_travel.p99_ms", false, 100, "ms"));

    private static final int CATCH_UP_MARKERS = 16;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    BenchCli(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        boolean terminal = Boolean.parseBoolean(System.getProperty("kizuna.cli.terminal", "false"));
        System.exit(new BenchCli(System.out, System.err, terminal).run(List.of(args), System.getenv()));
    }

    int run(List<String> args, Map<String, String> env) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(BenchOptions.HELP);
            return OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("kizuna bench: " + e.getMessage());
            err.print(BenchOptions.HELP);
            return USAGE;
        }
        Report report = new Report();
        try {
            return run(options, report);
        } catch (BenchException e) {
            err.println();
            err.println("kizuna bench: " + e.getMessage());
            report.put("error", e.getMessage());
            write(options.out(), report);
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    int run(BenchOptions o, Report report) throws InterruptedException {
        describeRun(o, report);
        err.printf(
                "kizuna bench: generating %,d customers, %,d touchpoints (seed %d)%s%n",
                o.customers(),
                o.touchpoints(),
                o.seed(),
                o.deepCustomer() > 0 ? " and one customer with " + o.deepCustomer() + " touchpoints" : "");
        long generating = System.nanoTime();
        Dataset data = JourneyGenerator.generate(
                new JourneyGenerator.Settings(o.customers(), o.touchpoints(), o.seed(), o.anchor(), o.deepCustomer()));
        describeData(data, report, (System.nanoTime() - generating) / 1e9);

        PlatformClient client = new PlatformClient(o.url(), o.apiKey(), o.gzip());
        client.retryFor(java.time.Duration.ofSeconds(o.retryForSeconds()));
        ProcessSampler sampler = new ProcessSampler(ports(o));
        if (o.runs("resources")) {
            sampler.start();
            sampler.found().forEach((name, pid) -> report.put("resources." + name + ".pid", pid));
        }
        try {
            Sources sources = new Sources(client, o.writeKey(), "kizuna-bench-" + o.seed(), err);
            sources.setUp();

            // 1. ingestion, as fast as the platform acknowledges
            long headBefore = client.headPosition();
            Instant ingestionStarted = Instant.now();
            Ingestion.Result ingestion =
                    new Ingestion(client, sources, o.clients(), o.batchSize(), err, terminal).run(data);
            report.put("ingestion.auth", sources.mode());
            report.put("ingestion.messages_acknowledged", ingestion.messagesAcknowledged());
            report.put("ingestion.touchpoints_acknowledged", ingestion.touchpointsAcknowledged());
            report.put("ingestion.refused", ingestion.refused());
            report.put("ingestion.failed_batches", ingestion.failedBatches());
            report.put("ingestion.failed", ingestion.failed());
            if (ingestion.firstRefusal() != null) {
                report.put("ingestion.first_problem", ingestion.firstRefusal());
            }
            report.put("ingestion.batches", ingestion.batches());
            report.put("ingestion.intake_retries", ingestion.retries());
            report.put("ingestion.seconds", ingestion.seconds());
            report.put("ingestion.acknowledged_per_second", ingestion.touchpointsAcknowledged() / ingestion.seconds());
            report.put(
                    "ingestion.acknowledged_messages_per_second",
                    ingestion.messagesAcknowledged() / ingestion.seconds());

            // 2. projection catch-up: markers on several customers (so every processor segment) after the load
            Markers markers = new Markers(client, "bench-" + o.seed() + "-" + Long.toHexString(System.nanoTime()));
            List<Integer> all = new ArrayList<>();
            for (int k = 0; k < CATCH_UP_MARKERS; k++) {
                all.add(k);
            }
            String catchUpId = "bench-" + o.seed() + "-catch-up-" + Long.toHexString(System.nanoTime());
            markers.send(all, catchUpId);
            long caughtUp = markers.awaitAll(all, catchUpId, 20, o.verifyTimeoutSeconds() * 1000);
            long headAfter = client.headPosition();
            long events =
                    headBefore >= 0 && headAfter >= 0 ? headAfter - headBefore : ingestion.touchpointsAcknowledged();
            report.put("projection.events", events);
            report.put(
                    "projection.events_counted_by",
                    headBefore >= 0 && headAfter >= 0 ? "head_position" : "touchpoints");
            if (caughtUp > 0) {
                double seconds = (caughtUp - ingestion.startedNanos()) / 1e9;
                report.put("projection.seconds", seconds);
                report.put("projection.catch_up_per_second", events / seconds);
                report.put("projection.lag_after_ingestion_ms", (caughtUp - ingestion.finishedNanos()) / 1e6);
            } else {
                report.put("projection.error", "the views did not catch up within " + o.verifyTimeoutSeconds() + " s");
            }

            // 3. what was stored, counted through GraphQL, until exact or the time is up
            StoredCount.Result stored = verify(client, o, data);
            report.put("ingestion.expected", data.figures().touchpoints());
            report.put("ingestion.stored", stored.stored());
            report.put("ingestion.lost", stored.lost());
            report.put("ingestion.doubled", stored.doubled());
            report.put("ingestion.missing_customers", stored.missingCustomers());
            report.put("ingestion.unexpected_merges", stored.unexpectedMerges());
            report.put("ingestion.stored_per_second", stored.stored() / ingestion.seconds());
            if (!stored.mismatches().isEmpty()) {
                report.put("ingestion.mismatches", stored.mismatches());
            }

            // 4. freshness at half the measured rate
            if (o.runs("freshness") && o.freshnessSeconds() > 0) {
                phase(report, "freshness", () -> freshness(o, client, markers, ingestion, report));
            }
            // 5. GraphQL latency
            if (o.runs("queries")) {
                phase(report, "graphql", () -> {
                    Map<String, String> notes = new LinkedHashMap<>();
                    Map<String, Latencies> latencies = new Queries(client, o.queries(), err)
                            .run(data, stored.platformIds(), o.seed(), ingestionStarted, notes);
                    latencies.forEach((name, l) -> l.report(report, "graphql." + name));
                    notes.forEach((name, note) -> report.put("graphql." + name + ".on", note));
                });
            }
            // 6. full rebuild
            if (o.runs("rebuild")) {
                phase(report, "rebuild", () -> {
                    err.println("kizuna bench: rebuilding every view from the event store (rebuildViews)");
                    Rebuild.Result r = new Rebuild(client, err).run(o.rebuildTimeoutSeconds() * 1000);
                    report.put("rebuild.job", r.jobId());
                    report.put("rebuild.state", r.state());
                    report.put("rebuild.events", r.events());
                    report.put("rebuild.seconds", r.seconds());
                    report.put("rebuild.events_per_second", r.eventsPerSecond());
                    report.put("rebuild.platform_rate_per_second", r.platformRatePerSecond());
                    if (r.outcome() != null) {
                        report.put("rebuild.outcome", r.outcome());
                    }
                });
            }
            // 7. the ceilings of this machine
            if (o.runs("ceiling")) {
                phase(report, "ceiling.postgres", () -> {
                    err.printf("kizuna bench: PostgreSQL ceiling, %,d event rows%n", o.ceilingTouchpoints());
                    PostgresCeiling.Result r = new PostgresCeiling(
                                    o.postgresUrl(), o.postgresUser(), o.postgresPassword())
                            .run(data, o.ceilingTouchpoints(), o.clients(), o.batchSize());
                    report.put("ceiling.postgres_rows_per_second", r.rowsPerSecond());
                    report.put("ceiling.postgres_rows", r.rows());
                    report.put("ceiling.postgres_bytes_per_row", r.bytesPerRow());
                });
                phase(report, "ceiling.elasticsearch", () -> {
                    err.printf("kizuna bench: Elasticsearch ceiling, %,d touchpoints%n", o.ceilingTouchpoints());
                    ElasticsearchCeiling.Result r = new ElasticsearchCeiling(o.elasticsearchUrl())
                            .run(data, o.ceilingTouchpoints(), o.clients(), o.batchSize());
                    report.put("ceiling.elasticsearch_docs_per_second", r.documentsPerSecond());
                    report.put("ceiling.elasticsearch_docs", r.documents());
                    report.put("ceiling.elasticsearch_touchpoints_per_second", r.documentsPerSecond() / 2);
                });
            }
        } finally {
            sampler.close();
            sampler.usage().forEach((name, usage) -> {
                report.put("resources." + name + ".cpu_seconds", usage.cpuSeconds());
                report.put("resources." + name + ".peak_rss_mb", usage.peakMemoryMb());
                report.put("resources." + name + ".command", usage.command());
            });
            // the bench's own share of the machine: it competes with what it measures when on the same machine
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                report.put("resources.bench.cpu_seconds", os.getProcessCpuTime() / 1e9);
                report.put(
                        "resources.bench.heap_committed_mb",
                        Runtime.getRuntime().totalMemory() / 1024.0 / 1024.0);
            }
        }
        fractions(report);
        targets(report);
        report.put("run.finished_at", Instant.now().toString());
        out.print(Table.render(report, TARGETS));
        write(o.out(), report);
        out.println("JSON written to " + o.out().toAbsolutePath());
        boolean exact = report.number("ingestion.lost") == 0 && report.number("ingestion.doubled") == 0;
        return exact ? OK : FAILED;
    }

    private StoredCount.Result verify(PlatformClient client, BenchOptions o, Dataset data) throws InterruptedException {
        long deadline = System.nanoTime() + o.verifyTimeoutSeconds() * 1_000_000_000L;
        StoredCount counter = new StoredCount(client, o.clients());
        err.printf(
                "kizuna bench: counting stored touchpoints of %,d customers%n",
                data.customers().size());
        StoredCount.Result previous = null;
        int unchanged = 0;
        while (true) {
            StoredCount.Result result = counter.count(data);
            // the same shortfall three times over six seconds after the views caught up: it is not a delay
            unchanged = previous != null && previous.lost() == result.lost() && previous.doubled() == result.doubled()
                    ? unchanged + 1
                    : 0;
            previous = result;
            if (result.exact() || System.nanoTime() > deadline || unchanged >= 3) {
                return result;
            }
            err.printf(
                    "kizuna bench: views not complete yet (%,d lost, %,d doubled); counting again%n",
                    result.lost(), result.doubled());
            Thread.sleep(2000);
        }
    }

    private void freshness(
            BenchOptions o, PlatformClient client, Markers markers, Ingestion.Result ingestion, Report report)
            throws InterruptedException {
        double target = ingestion.messagesAcknowledged() / ingestion.seconds() / 2;
        long loadTouchpoints = (long) Math.max(100, target * o.freshnessSeconds() * 1.2);
        int loadCustomers = (int) Math.max(10, Math.min(loadTouchpoints / 20, Math.max(10, o.customers() / 10)));
        Dataset load = JourneyGenerator.generate(
                new JourneyGenerator.Settings(loadCustomers, loadTouchpoints, o.seed() + 7_777_777L, o.anchor(), 0));
        err.printf("kizuna bench: freshness for %d s under a load of %,.0f messages/s%n", o.freshnessSeconds(), target);
        Freshness.Result r = new Freshness(client, markers, o.clients(), o.batchSize(), o.freshnessProbes(), err)
                .run(load, target, o.freshnessSeconds() * 1000, o.markerIntervalMillis());
        r.latencies().report(report, "freshness");
        report.put("freshness.timeouts", r.timeouts());
        report.put("freshness.probes", o.freshnessProbes());
        report.put("freshness.load_target_per_second", r.targetPerSecond());
        report.put("freshness.load_per_second", r.loadPerSecond());
    }

    private interface Phase {
        void run() throws InterruptedException;
    }

    /** Runs an optional phase: a failure is reported under {@code <name>.error} and the run goes on. */
    private void phase(Report report, String name, Phase phase) throws InterruptedException {
        try {
            phase.run();
        } catch (BenchException | IllegalStateException e) {
            err.println("kizuna bench: " + name + " failed: " + e.getMessage());
            report.put(name + ".error", e.getMessage());
        }
    }

    /** Each throughput as a fraction of the ceiling that bounds it on this machine. */
    static void fractions(Report report) {
        double pg = report.number("ceiling.postgres_rows_per_second");
        double es = report.number("ceiling.elasticsearch_touchpoints_per_second");
        ratio(report, "ingestion.acknowledged_fraction_of_ceiling", "ingestion.acknowledged_per_second", pg);
        ratio(report, "ingestion.stored_fraction_of_ceiling", "ingestion.stored_per_second", pg);
        ratio(report, "projection.catch_up_fraction_of_ceiling", "projection.catch_up_per_second", es);
        ratio(report, "rebuild.fraction_of_ceiling", "rebuild.events_per_second", es);
        double load = report.number("freshness.load_per_second");
        if (!Double.isNaN(load)) {
            ratio(report, "freshness.load_fraction_of_ceiling", "freshness.load_per_second", pg);
        }
    }

    private static void ratio(Report report, String key, String figure, double ceiling) {
        double value = report.number(figure);
        if (!Double.isNaN(value) && !Double.isNaN(ceiling) && ceiling > 0) {
            report.put(key, value / ceiling);
        }
    }

    /** The targets, met or not ({@code targets.<figure>.met}). */
    static void targets(Report report) {
        for (Target t : TARGETS) {
            double value = report.number(t.key());
            String key = "targets." + t.key().replace('.', '_');
            report.put(key + ".bound", t.bound());
            report.put(key + ".measured", Double.isNaN(value) ? null : value);
            report.put(
                    key + ".met", Double.isNaN(value) ? null : t.atLeast() ? value >= t.bound() : value <= t.bound());
        }
    }

    private void describeRun(BenchOptions o, Report report) {
        report.put("run.started_at", Instant.now().toString());
        report.put("run.url", o.url().toString());
        report.put("run.customers", o.customers());
        report.put("run.touchpoints", o.touchpoints());
        report.put("run.deep_customer", o.deepCustomer());
        report.put("run.clients", o.clients());
        report.put("run.batch_size", o.batchSize());
        report.put("run.seed", o.seed());
        report.put("run.gzip", o.gzip());
        report.put("run.anchor", o.anchor().toString());
        Machine.describe(report);
    }

    private void describeData(Dataset data, Report report, double seconds) {
        Dataset.Figures f = data.figures();
        report.put("generator.seconds", seconds);
        report.put("generator.customers", data.customers().size());
        report.put("generator.known_customers", f.knownCustomers());
        report.put("generator.touchpoints", f.touchpoints());
        report.put("generator.messages", f.messages());
        report.put("generator.identifies", f.identifies());
        report.put("generator.retries", f.retries());
        report.put("generator.merges", f.merges());
        report.put("generator.late_offline", f.late());
        report.put("generator.purchases_jpy", f.purchasesJpy());
        report.put("generator.purchases_usd", f.purchasesUsd());
        report.put("generator.returns", f.returns());
    }

    /** The ports of the processes to watch: the platform's (when it runs here), Elasticsearch's, PostgreSQL's. */
    static Map<String, Integer> ports(BenchOptions o) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (local(o.url())) {
            ports.put("platform", port(o.url(), 8080));
        }
        if (local(o.elasticsearchUrl())) {
            ports.put("elasticsearch", port(o.elasticsearchUrl(), 9200));
        }
        URI pg = URI.create(o.postgresUrl().replaceFirst("^jdbc:", ""));
        if (local(pg)) {
            ports.put("postgres", port(pg, 5432));
        }
        return ports;
    }

    private static boolean local(URI uri) {
        String host = uri.getHost();
        return host == null
                || host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1");
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() > 0 ? uri.getPort() : fallback;
    }

    private void write(Path file, Report report) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            JsonMapper json = JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();
            Files.write(file, json.writeValueAsBytes(report.tree()));
        } catch (IOException e) {
            err.println("kizuna bench: cannot write " + file + ": " + e.getMessage());
        }
    }
}
