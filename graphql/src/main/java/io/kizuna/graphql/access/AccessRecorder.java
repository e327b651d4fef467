package io.kizuna.graphql.access;

import io.kizuna.api.access.RecordAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores records of history reads as {@link RecordAccess} commands, off the reading request's thread: the read is
 * answered without waiting for its record. A record that fails to store is retried a few times, then logged as a
 * WARN (without actor, customer or arguments). On shutdown, records still queued are stored before the command side
 * stops (this lifecycle stops before Axon's and after the web server has stopped taking requests).
 */
@Component
public class AccessRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessRecorder.class);
    static final int ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Records waiting to be sent; beyond this, the reading thread sends its record itself (slower, not lost). */
    private static final int QUEUE_CAPACITY = 10_000;

    private final CommandGateway commands;
    private final ExecutorService sender = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE_CAPACITY),
            task -> {
                Thread thread = new Thread(task, "access-recorder");
                thread.setDaemon(true);
                return thread;
            },
            (task, executor) -> task.run()); // queue full or shutting down: the caller sends it itself
    private volatile boolean running;

    public AccessRecorder(CommandGateway commands) {
        this.commands = commands;
    }

    /** Records one read, asynchronously, under a new random access id. */
    public void record(
            Actor actor,
            String operation,
            String customerId,
            Map<String, Object> arguments,
            String outcome,
            Instant at) {
        RecordAccess command = new RecordAccess(
                UUID.randomUUID().toString(), actor.name(), operation, customerId, arguments, outcome, at);
        sender.execute(() -> send(command, 1));
    }

    private void send(RecordAccess command, int attempt) {
        CompletableFuture<Object> sent;
        try {
            sent = commands.send(command);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((result, failure) -> {
            if (failure == null) {
                return;
            }
            if (attempt > 1 && causedBy(failure, AggregateStreamCreationException.class)) {
                return; // an earlier attempt did store it, only its answer was lost
            }
            if (attempt < ATTEMPTS) {
                CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis() * attempt, TimeUnit.MILLISECONDS)
                        .execute(() -> sender.execute(() -> send(command, attempt + 1)));
                return;
            }
            log.warn(
                    "Could not store the record of a {} read after {} attempts; it is missing from the access log: {}",
                    command.operation(),
                    attempt,
                    rootCause(failure).getClass().getName());
        });
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Records of history reads were still being stored at shutdown; some may be missing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before Axon (phase 0), so that queued records can still be stored. */
    @Override
    public int getPhase() {
        return 1024;
    }
}
