package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            if (!awaitExit(process, deadline)) {
                process.destroyForcibly();
                awaitExit(process, System.nanoTime() + Duration.ofSeconds(5).toNanos());
                graceful = false;
            }
        }
        return graceful;
    }

    /**
     * Whether the process runs. Unlike {@link ProcessHandle#isAlive()} this is false for a zombie: orphans of a
     * detached node are reaped by PID 1, which in containers can take a second or two.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return process.isAlive();
        }
    }

    private static boolean awaitExit(ProcessHandle process, long deadlineNanos) {
        while (isRunning(process)) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }
}
