package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shared test node alive only while some test JVM needs it: JVMs touch a heartbeat file, and a small detached
 * shell loop stops the node once the heartbeat has gone stale.
 */
final class Watchdog {

    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    static final Duration STALE_AFTER = Duration.ofSeconds(TestElasticsearch.STALE_SECONDS);

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    // $1 node pid (a process-group leader thanks to setsid), $2 heartbeat file, $3 node pid file, $4 watchdog pid file
    // (which holds "<watchdog pid> <node pid>").
    private static final String SCRIPT =
            """
            node=$1; heartbeat=$2; node_pid_file=$3; own_pid_file=$4
            while kill -0 "$node" 2>/dev/null; do
              beat=$(stat -c %%Y "$heartbeat" 2>/dev/null || stat -f %%m "$heartbeat" 2>/dev/null || echo 0)
              if [ $(( $(date +%%s) - beat )) -gt %d ]; then
                echo "$(date): no heartbeat for %d s, stopping Elasticsearch (pid $node)"
                kill -TERM -"$node" 2>/dev/null || kill -TERM "$node"
                i=0
                while kill -0 "$node" 2>/dev/null && [ $i -lt %d ]; do sleep 1; i=$((i + 1)); done
                kill -KILL -"$node" 2>/dev/null
                break
              fi
              sleep 5
            done
            [ "$(cat "$node_pid_file" 2>/dev/null)" = "$node" ] && rm -f "$node_pid_file"
            [ "$(cat "$own_pid_file" 2>/dev/null)" = "$$ $node" ] && rm -f "$own_pid_file"
            """
                    .formatted(STALE_AFTER.toSeconds(), STALE_AFTER.toSeconds(), ProcessTree.GRACE.toSeconds());

    private static ScheduledExecutorService heartbeat;

    private Watchdog() {}

    static Path heartbeatFile(Path home) {
        return home.resolve("heartbeat");
    }

    static Path nodePidFile(Path home) {
        return home.resolve("node.pid");
    }

    static Path watchdogPidFile(Path home) {
        return home.resolve("watchdog.pid");
    }

    /** Touches the heartbeat now and then every two seconds from a daemon thread, for as long as this JVM lives. */
    static synchronized void beat(Path home) {
        Path file = heartbeatFile(home);
        touch(file);
        if (heartbeat == null) {
            heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "elasticsearch-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            long period = HEARTBEAT_INTERVAL.toMillis();
            heartbeat.scheduleAtFixedRate(() -> touch(file), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a watchdog for the node unless one is already watching it. */
    static void ensureWatching(Path home, long nodePid) {
        // A watchdog of an earlier node may still be winding down; only one watching this very node counts.
        Optional<ProcessHandle> current = readPids(watchdogPidFile(home))
                .filter(pids -> pids.length == 2 && pids[1] == nodePid)
                .flatMap(pids -> ProcessHandle.of(pids[0]))
                .filter(ProcessTree::isRunning);
        if (current.isPresent()) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (Exec.onPath("setsid")) {
            command.add("setsid");
        }
        command.addAll(List.of(
                "sh",
                "-c",
                SCRIPT,
                "kizuna-elasticsearch-watchdog",
                String.valueOf(nodePid),
                heartbeatFile(home).toString(),
                nodePidFile(home).toString(),
                watchdogPidFile(home).toString()));
        try {
            Process watchdog = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("watchdog.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Exec.DEV_NULL))
                    .start();
            writePids(watchdogPidFile(home), watchdog.pid(), nodePid);
            log.info(
                    "Watchdog {} stops the test Elasticsearch node {} s after the last heartbeat in {}",
                    watchdog.pid(),
                    STALE_AFTER.toSeconds(),
                    heartbeatFile(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Elasticsearch watchdog", e);
        }
    }

    /** Stops the watchdog and forgets the node, once the node has been stopped by other means. */
    static void stop(Path home) {
        readPids(watchdogPidFile(home))
                .flatMap(pids -> ProcessHandle.of(pids[0]))
                .ifPresent(ProcessHandle::destroy);
        try {
            Files.deleteIfExists(nodePidFile(home));
            Files.deleteIfExists(watchdogPidFile(home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first pid in the file. */
    static Optional<Long> readPid(Path file) {
        return readPids(file).map(pids -> pids[0]);
    }

    private static Optional<long[]> readPids(Path file) {
        try {
            String[] words = Files.readString(file).strip().split("\\s+");
            return Optional.of(Arrays.stream(words).mapToLong(Long::parseLong).toArray());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void writePids(Path file, long... pids) {
        try {
            Files.writeString(
                    file, Arrays.stream(pids).mapToObj(String::valueOf).collect(Collectors.joining(" ")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static void touch(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } else {
                Files.writeString(file, "");
            }
        } catch (IOException e) {
            log.warn("Could not touch the heartbeat {}: {}", file, e.toString());
        }
    }
}
