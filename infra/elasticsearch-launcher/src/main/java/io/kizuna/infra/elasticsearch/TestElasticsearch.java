package io.kizuna.infra.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node per test RUN, shared by every module's test JVM of one {@code mvn verify}.
 *
 * <p>The first JVM that needs it starts it detached, so it outlives that JVM and the next module's tests reuse it.
 * Every JVM using it touches a heartbeat file; a watchdog stops the node {@value #STALE_SECONDS} s after the last
 * heartbeat, that is shortly after the build ends or crashes. Each caller must use its own index names (a unique
 * prefix): the node and its indices are shared, also with a node left over from a previous run.
 *
 * <p>Port: system property {@value #PORT_PROPERTY} (default {@value #DEFAULT_PORT}). Home: system property
 * {@value #HOME_PROPERTY} (default {@value #DEFAULT_HOME}). {@code java -cp <launcher jar> <this class> stop} stops it.
 */
public final class TestElasticsearch {

    public static final String PORT_PROPERTY = "kizuna.test.elasticsearch.port";
    public static final String HOME_PROPERTY = "kizuna.test.elasticsearch.home";
    public static final String HEAP_PROPERTY = "kizuna.test.elasticsearch.heap";
    static final int DEFAULT_PORT = 19200;
    static final String DEFAULT_HOME = "/tmp/kizuna-test-elasticsearch";
    static final long STALE_SECONDS = 45;

    // C1 only: the node starts about 3 s sooner (of 12), and test workloads are too small to miss C2.
    private static final String TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    private static final Logger log = LoggerFactory.getLogger(TestElasticsearch.class);
    private static volatile URI url;

    private TestElasticsearch() {}

    /** The shared node's address, starting the node on first use; idempotent and thread-safe. */
    public static URI url() {
        URI known = url;
        if (known == null) {
            synchronized (TestElasticsearch.class) {
                known = url;
                if (known == null) {
                    known = startOrReuse();
                    url = known;
                }
            }
        }
        return known;
    }

    /** {@code stop} stops the shared node if it runs; {@code status} tells whether it runs. */
    public static void main(String[] args) {
        String command = args.length == 0 ? "status" : args[0];
        LauncherSettings settings = settings();
        Path home = NodeUser.current().effectiveHome(settings.home());
        Optional<ProcessHandle> node = runningNode(home);
        switch (command) {
            case "stop" ->
                System.out.println(
                        node.map(process -> stop(process, home)).orElseGet(() -> notRunning(settings, home)));
            case "status" ->
                System.out.println(node.map(process -> "Running, pid " + process.pid() + ", at " + settings.url())
                        .orElseGet(() -> notRunning(settings, home)));
            default -> {
                System.err.println("Usage: TestElasticsearch stop|status");
                System.exit(2);
            }
        }
    }

    private static String stop(ProcessHandle node, Path home) {
        boolean graceful = ProcessTree.stop(node, ProcessTree.GRACE);
        Watchdog.stop(home);
        return "Stopped the test Elasticsearch node (pid " + node.pid() + ")"
                + (graceful ? "." : "; what did not stop within 20 s was killed.");
    }

    private static String notRunning(LauncherSettings settings, Path home) {
        return "No test Elasticsearch node started from " + home + " is running"
                + (Health.isReady(settings.url()) ? "; another node answers at " + settings.url() + "." : ".");
    }

    static LauncherSettings settings() {
        int port = Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT);
        Path home = Path.of(System.getProperty(HOME_PROPERTY, DEFAULT_HOME));
        return new LauncherSettings(
                URI.create("http://127.0.0.1:" + port),
                home,
                System.getProperty(HEAP_PROPERTY, "512m"),
                Duration.ofSeconds(120),
                "kizuna-test");
    }

    private static URI startOrReuse() {
        LauncherSettings settings = settings();
        Path home = NodeUser.current().effectiveHome(settings.home());
        NodeUser.current().createFolders(home);
        // Beat before anything can start a watchdog: a missing heartbeat counts as stale.
        Watchdog.beat(home);
        // Data from earlier runs is only wiped when no node runs, so indices never pile up across runs.
        ElasticsearchNode node = ElasticsearchLauncher.startOrReuse(
                settings, new ElasticsearchLauncher.StartMode(true, true, TEST_JVM_OPTIONS, started -> {
                    Watchdog.writePids(Watchdog.nodePidFile(home), started.pid());
                    Watchdog.ensureWatching(home, started.pid());
                }));
        // A reused node's watchdog may be gone (killed with its session, say); the node must not be left unwatched.
        runningNode(home).ifPresent(process -> Watchdog.ensureWatching(home, process.pid()));
        log.info("Test Elasticsearch at {} ({})", node.url(), node.startedHere() ? "started" : "reused");
        return node.url();
    }

    /** The node process recorded in the pid file, if it still runs (and is still Elasticsearch, not a reused pid). */
    private static Optional<ProcessHandle> runningNode(Path home) {
        return Watchdog.readPid(Watchdog.nodePidFile(home))
                .flatMap(ProcessHandle::of)
                .filter(ProcessTree::isRunning)
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains("elasticsearch"))
                        .orElse(true));
    }
}
