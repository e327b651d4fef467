package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a local Elasticsearch node from the integ-test zip, or reuses one already answering at the same address. */
public final class ElasticsearchLauncher {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchLauncher.class);

    /**
     * How a node is started. The shared test node outlives the JVM that starts it, starts on empty data, is handed to
     * its watchdog as soon as its process exists (in case this JVM dies before the node is ready), and may take extra
     * JVM options.
     */
    record StartMode(
            boolean detached, boolean freshData, String extraJvmOptions, Consumer<StartedNode> onProcessStarted) {
        static final StartMode ATTACHED = new StartMode(false, false, "", node -> {});
    }

    private ElasticsearchLauncher() {}

    /** Reuses a node already answering at settings.url(); else unpacks (once), starts one, waits until yellow/green. */
    public static ElasticsearchNode startOrReuse(LauncherSettings settings) {
        return startOrReuse(settings, StartMode.ATTACHED);
    }

    static ElasticsearchNode startOrReuse(LauncherSettings settings, StartMode mode) {
        URI url = settings.url();
        if (Health.isReady(url)) {
            log.info("Reusing the Elasticsearch node already running at {}", url);
            return new ReusedNode(url);
        }
        if (!isLoopback(url)) {
            throw new ElasticsearchStartException("No Elasticsearch node answers at " + url
                    + ", and one can only be started on a loopback address such as 127.0.0.1.");
        }
        NodeUser user = NodeUser.current();
        Path home = user.effectiveHome(settings.home());
        user.createFolders(home);
        try (HomeLock lock = HomeLock.acquire(home)) {
            // Another JVM may have started it while we waited for the lock.
            if (Health.isReady(url)) {
                log.info("Reusing the Elasticsearch node another process started at {}", url);
                return new ReusedNode(url);
            }
            if (Health.isListening(url)) {
                return awaitForeignNode(settings);
            }
            StartedNode node = start(settings, mode, user, home);
            try {
                mode.onProcessStarted().accept(node);
                node.awaitReady(settings.startTimeout());
            } catch (RuntimeException e) {
                node.close();
                // A process with another home may have taken the port first; its node serves just as well.
                if (Health.isReady(url)) {
                    log.info("Reusing the Elasticsearch node another process started at {}", url);
                    return new ReusedNode(url);
                }
                throw e;
            }
            return node;
        }
    }

    private static StartedNode start(LauncherSettings settings, StartMode mode, NodeUser user, Path home) {
        String version = Distribution.version();
        Path javaHome = JavaLocator.locate(version);
        if (!user.canReach(javaHome.resolve("bin/java"))) {
            throw new ElasticsearchStartException("The JDK at " + javaHome + " is not reachable by user "
                    + NodeUser.SERVICE_USER + " (a parent folder lacks o+x). Install a JDK 21 or newer under "
                    + JavaLocator.SYSTEM_JVM_FOLDER + " or /opt and set ES_JAVA_HOME to it.");
        }
        Path esHome = Distribution.unpack(Distribution.locateZip(), home);
        Path data = home.resolve("data");
        if (mode.freshData()) {
            Distribution.deleteRecursively(data);
        }
        for (Path folder : List.of(data, home.resolve("logs"), home.resolve("tmp"))) {
            user.createFolders(folder);
        }
        user.takeOwnership(home);

        Path consoleLog = home.resolve("console.log");
        List<String> command = new ArrayList<>();
        if (mode.detached() && Exec.onPath("setsid")) {
            // Own session and process group: signals aimed at the build do not reach the node, the watchdog does.
            command.add("setsid");
        }
        command.addAll(user.commandLine(elasticsearchCommand(settings, esHome, home)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Exec.DEV_NULL));
        prepareEnvironment(builder.environment(), settings, mode, javaHome, home);
        log.info(
                "Starting Elasticsearch {} at {} with Java {} (home {}, output in {})",
                version,
                settings.url(),
                javaHome,
                home,
                consoleLog);
        try {
            StartedNode node = new StartedNode(settings.url(), builder.start(), home, consoleLog);
            if (!mode.detached()) {
                node.stopOnJvmExit();
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private static List<String> elasticsearchCommand(LauncherSettings settings, Path esHome, Path home) {
        List<String> command = new ArrayList<>();
        command.add(esHome.resolve("bin/elasticsearch").toString());
        Map<String, String> nodeSettings = new LinkedHashMap<>();
        nodeSettings.put("cluster.name", settings.clusterName());
        nodeSettings.put("discovery.type", "single-node");
        nodeSettings.put("network.host", loopbackAddress(settings.url()));
        nodeSettings.put("http.port", String.valueOf(settings.url().getPort()));
        nodeSettings.put("transport.port", "0");
        nodeSettings.put("path.data", home.resolve("data").toString());
        nodeSettings.put("path.logs", home.resolve("logs").toString());
        // Security is on by default and, on first start, rewrites elasticsearch.yml to require TLS and a password.
        nodeSettings.put("xpack.security.enabled", "false");
        nodeSettings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        nodeSettings.put("action.destructive_requires_name", "false");
        nodeSettings.forEach((key, value) -> {
            command.add("-E");
            command.add(key + "=" + value);
        });
        return command;
    }

    private static void prepareEnvironment(
            Map<String, String> environment, LauncherSettings settings, StartMode mode, Path javaHome, Path home) {
        // Inherited from Maven, surefire or an IDE; Elasticsearch ignores or warns about them.
        List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "CLI_JAVA_OPTS", "ES_PATH_CONF")
                .forEach(environment::remove);
        environment.put("ES_JAVA_HOME", javaHome.toString());
        environment.put(
                "ES_JAVA_OPTS",
                ("-Xms" + settings.heap() + " -Xmx" + settings.heap() + " " + mode.extraJvmOptions()).strip());
        environment.put("ES_TMPDIR", home.resolve("tmp").toString());
    }

    /** Something listens on the port but is not ready: maybe a node still starting elsewhere; give it the start timeout. */
    private static ElasticsearchNode awaitForeignNode(LauncherSettings settings) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (Health.isReady(settings.url())) {
                return new ReusedNode(settings.url());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ElasticsearchStartException("Port " + settings.url().getPort() + " is taken by something that is not"
                + " a ready Elasticsearch node (no yellow or green cluster health at " + settings.url() + " within "
                + settings.startTimeout().toSeconds() + " s). Stop it or choose another port.");
    }

    private static String loopbackAddress(URI url) {
        try {
            return InetAddress.getByName(url.getHost()).getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static boolean isLoopback(URI url) {
        try {
            InetAddress address = InetAddress.getByName(url.getHost());
            // Never bound beyond loopback: the node runs without security.
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
