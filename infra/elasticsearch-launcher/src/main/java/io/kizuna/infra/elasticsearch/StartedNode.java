package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node this JVM started; closing it stops the node's process tree. */
final class StartedNode implements ElasticsearchNode {

    private static final Logger log = LoggerFactory.getLogger(StartedNode.class);
    private static final int LOG_TAIL_LINES = 40;

    private final URI url;
    private final Process process;
    private final Path home;
    private final Path consoleLog;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Thread shutdownHook;

    StartedNode(URI url, Process process, Path home, Path consoleLog) {
        this.url = url;
        this.process = process;
        this.home = home;
        this.consoleLog = consoleLog;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public boolean startedHere() {
        return true;
    }

    long pid() {
        return process.pid();
    }

    Path home() {
        return home;
    }

    /** Stops the node when this JVM exits without having closed it. */
    void stopOnJvmExit() {
        shutdownHook = new Thread(this::stop, "elasticsearch-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Waits until the node is yellow or green; if it dies or takes too long, stops it and says why. */
    void awaitReady(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!Health.isReady(url)) {
            if (!process.isAlive()) {
                throw new ElasticsearchStartException("Elasticsearch exited with code " + process.exitValue()
                        + " before it was ready at " + url + ". " + logTail());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new ElasticsearchStartException("Elasticsearch was not ready at " + url + " within "
                        + timeout.toSeconds() + " s, so it was stopped. " + logTail());
            }
            sleep(250);
        }
        log.info(
                "Elasticsearch is ready at {} after {} ms (pid {}, home {})",
                url,
                (System.nanoTime() - started) / 1_000_000,
                process.pid(),
                home);
    }

    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; stop() below is idempotent.
            }
        }
        stop();
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        boolean graceful = ProcessTree.stop(process.toHandle(), ProcessTree.GRACE);
        log.info(
                "Stopped Elasticsearch at {}{}",
                url,
                graceful ? "" : " (killed after " + ProcessTree.GRACE.toSeconds() + " s)");
    }

    private String logTail() {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(consoleLog, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "Its output at " + consoleLog + " could not be read: " + e;
        }
        return "Last lines of " + consoleLog + ":\n" + String.join("\n", tail);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchStartException("Interrupted while waiting for Elasticsearch", e);
        }
    }
}
