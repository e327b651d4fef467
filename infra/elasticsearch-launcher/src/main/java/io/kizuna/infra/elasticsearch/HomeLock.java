package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Lets one thread of one JVM at a time unpack and start the node of a home; the others then find it running. */
final class HomeLock implements AutoCloseable {

    // A file lock is held per JVM, not per thread, so threads of one JVM also need a lock of their own.
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private HomeLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this thread holds the lock of {@code home} (the folder must exist). */
    static HomeLock acquire(Path home) {
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(home, any -> new ReentrantLock());
        threadLock.lock();
        try {
            FileChannel channel =
                    FileChannel.open(home.resolve("launch.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new HomeLock(threadLock, channel, channel.lock());
        } catch (IOException e) {
            threadLock.unlock();
            throw new UncheckedIOException("Could not lock " + home, e);
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threadLock.unlock();
        }
    }
}
