package io.kizuna.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The options of {@code ./kizuna bench}, from the command line and the environment ({@code --help} lists them). */
public record BenchOptions(
        int customers,
        long touchpoints,
        int clients,
        long seed,
        Path out,
        URI url,
        String apiKey,
        String writeKey,
        int batchSize,
        int deepCustomer,
        boolean gzip,
        long freshnessSeconds,
        long markerIntervalMillis,
        int freshnessProbes,
        int queries,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        URI elasticsearchUrl,
        long ceilingTouchpoints,
        long verifyTimeoutSeconds,
        long rebuildTimeoutSeconds,
        long retryForSeconds,
        Instant anchor,
        Set<String> skip) {

    public static final List<String> PHASES =
            List.of("ingestion", "freshness", "queries", "rebuild", "ceiling", "resources");

    public static final String HELP =
            """
            usage: kizuna bench [options]
              Drives a running Kizuna platform through its public APIs (Segment intake POST /v1/batch, GraphQL
              POST /graphql) with seeded generated customers and journeys, measures ingestion, freshness, projection
              catch-up, rebuild and query latency against the raw PostgreSQL and Elasticsearch ceilings of the same
              machine, prints a table and writes JSON (keys in BENCHMARKS.md).

              --customers N          generated customers (default 1000)
              --touchpoints M        distinct touchpoints over them (default 20000; at least N)
              --clients C            concurrent HTTP clients (default 4)
              --seed S               the generator's seed (default 1); the same seed sends the same data, so use
                                     another seed (or a fresh platform) for a second run
              --out FILE             JSON result (default bench-result.json)
              --url URL              the platform (KIZUNA_URL, default http://localhost:8080)
              --api-key KEY          Bearer token for GraphQL and the intake (KIZUNA_API_KEY)
              --write-key KEY        a source's write key for the intake (KIZUNA_WRITE_KEY); without it and without
                                     an API key, a source is created through GraphQL (createSource)
              --batch-size B         messages per intake request (default 500)
              --deep-customer N      one more customer with N touchpoints, for time travel (default 0)
              --gzip                 gzip intake requests, as Segment libraries do (costs the bench's CPU)
              --freshness-seconds T  how long freshness is measured (default 60)
              --marker-interval MS   one freshness marker every MS per probe (default 500)
              --freshness-probes P   probes at once, each with its own marker customer (default 2)
              --queries Q            measured requests per GraphQL query (default 200)
              --postgres-url URL     server for the PostgreSQL ceiling (KIZUNA_BENCH_POSTGRES_URL, default
                                     jdbc:postgresql://127.0.0.1:5432/postgres); a scratch database is made and dropped
              --postgres-user U      (default postgres)   --postgres-password P (default empty)
              --elasticsearch-url U  node for the Elasticsearch ceiling (KIZUNA_ELASTICSEARCH_URL, default
                                     http://127.0.0.1:9200, the managed node of ./kizuna up); scratch indices
              --ceiling-touchpoints K touchpoints written by each ceiling (default min(M, 200000))
              --verify-timeout S     how long to wait for the views to hold everything (default 300)
              --rebuild-timeout S    how long a rebuild may take (default 3600)
              --retry-for S          how long a failing intake request (429, 5xx) is retried before its messages
                                     are sent one at a time (default 30)
              --anchor INSTANT       latest business time of the generated data (default today 00:00 UTC)
              --skip P1,P2           leave out phases: freshness, queries, rebuild, ceiling, resources
            """;

    public static BenchOptions parse(List<String> args, Map<String, String> env) {
        int customers = 1000;
        long touchpoints = 20_000;
        int clients = 4;
        long seed = 1;
        Path out = Path.of("bench-result.json");
        String url = env.getOrDefault("KIZUNA_URL", "http://localhost:8080");
        String apiKey = env.get("KIZUNA_API_KEY");
        String writeKey = env.get("KIZUNA_WRITE_KEY");
        int batchSize = 500;
        int deep = 0;
        boolean gzip = false;
        long freshness = 60;
        long markerInterval = 500;
        int probes = 2;
        int queries = 200;
        String pgUrl = env.getOrDefault("KIZUNA_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String pgUser = "postgres";
        String pgPassword = "";
        String esUrl = env.getOrDefault("KIZUNA_ELASTICSEARCH_URL", "http://127.0.0.1:9200");
        long ceiling = -1;
        long verifyTimeout = 300;
        long rebuildTimeout = 3600;
        long retryFor = 30;
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Set<String> skip = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--gzip")) {
                gzip = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--customers" -> customers = positiveInt(name, value);
                case "--touchpoints" -> touchpoints = positiveLong(name, value);
                case "--clients" -> clients = positiveInt(name, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                case "--url" -> url = value;
                case "--api-key" -> apiKey = value;
                case "--write-key" -> writeKey = value;
                case "--batch-size" -> batchSize = positiveInt(name, value);
                case "--deep-customer" -> deep = Integer.parseInt(value);
                case "--freshness-seconds" -> freshness = Long.parseLong(value);
                case "--marker-interval" -> markerInterval = positiveLong(name, value);
                case "--freshness-probes" -> probes = positiveInt(name, value);
                case "--queries" -> queries = positiveInt(name, value);
                case "--postgres-url" -> pgUrl = value;
                case "--postgres-user" -> pgUser = value;
                case "--postgres-password" -> pgPassword = value;
                case "--elasticsearch-url" -> esUrl = value;
                case "--ceiling-touchpoints" -> ceiling = positiveLong(name, value);
                case "--verify-timeout" -> verifyTimeout = positiveLong(name, value);
                case "--rebuild-timeout" -> rebuildTimeout = positiveLong(name, value);
                case "--retry-for" -> retryFor = positiveLong(name, value);
                case "--anchor" -> anchor = Instant.parse(value);
                case "--skip" -> {
                    for (String phase : value.split(",")) {
                        String p = phase.strip().toLowerCase(Locale.ROOT);
                        if (!PHASES.contains(p) || p.equals("ingestion")) {
                            throw new IllegalArgumentException(
                                    "--skip takes freshness, queries, rebuild, ceiling, resources; got '" + p + "'");
                        }
                        skip.add(p);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (touchpoints < customers) {
            throw new IllegalArgumentException(
                    "--touchpoints (" + touchpoints + ") must be at least --customers (" + customers + ")");
        }
        if (batchSize > 2500) {
            throw new IllegalArgumentException("--batch-size is at most 2500 (the intake's limit)");
        }
        return new BenchOptions(
                customers,
                touchpoints,
                clients,
                seed,
                out,
                URI.create(url),
                apiKey,
                writeKey,
                batchSize,
                deep,
                gzip,
                freshness,
                markerInterval,
                probes,
                queries,
                pgUrl,
                pgUser,
                pgPassword,
                URI.create(esUrl),
                ceiling > 0 ? ceiling : Math.min(touchpoints, 200_000),
                verifyTimeout,
                rebuildTimeout,
                retryFor,
                anchor,
                Set.copyOf(skip));
    }

    public boolean runs(String phase) {
        return !skip.contains(phase);
    }

    private static int positiveInt(String name, String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return v;
    }

    private static long positiveLong(String name, String value) {
        long v = Long.parseLong(value);
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return v;
    }
}
