package io.kizuna.projection.index;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.stereotype.Component;

/**
 * The gate that live view writes on this node pass through, which a rebuild closes while it writes the last events into
 * its new indices and swaps the aliases to them.
 *
 * <p>Why: a live write reads documents through the alias, folds events into them and writes them back. One that read
 * from an old index and wrote to a new one after the swap, or that applied an event to a new index still missing
 * earlier events, would lose those events for good (the fold skips whatever is at or below a document's sequence).
 * With the gate closed, no live write is under way; once the new indices hold every stored event, the aliases move and
 * the gate opens: live writes held at it then read from the new indices, which already have their events.
 */
@Component
public class LiveViewWrites {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Runs one live write (its reads and writes of the views); waits while the gate is closed. */
    public void write(Runnable write) {
        lock.readLock().lock();
        try {
            write.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes the gate (waiting for the live writes under way, at most {@code maxWait}), runs {@code task}, and opens
     * it again.
     */
    public <T> T closedWhile(Duration maxWait, Callable<T> task) throws Exception {
        if (!lock.writeLock().tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("live view writes did not pause within " + maxWait);
        }
        try {
            return task.call();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
