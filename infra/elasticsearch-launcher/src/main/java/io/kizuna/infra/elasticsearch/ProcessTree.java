package io.kizuna.infra.elasticsearch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Stops a process and everything it started: SIGTERM to all of them, then SIGKILL to whatever is left. */
final class ProcessTree {

    static final Duration GRACE = Duration.ofSeconds(20);

    private ProcessTree() {}

    /** Returns true when the whole tree ended within the grace period, false when some of it had to be killed. */
    static boolean stop(ProcessHandle root, Duration grace) {
        // Collected before signalling: once the parent exits its children are re-parented and no longer listed.
        List<ProcessHandle> tree =
                Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean graceful = true;
        for (ProcessHandle process : tree) {
            if (!awaitExit(process, Math.max(0, deadline - System.nanoTime()))) {
                process.destroyForcibly();
                awaitExit(process, TimeUnit.SECONDS.toNanos(5));
                graceful = false;
            }
        }
        return graceful;
    }

    private static boolean awaitExit(ProcessHandle process, long nanos) {
        try {
            process.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
