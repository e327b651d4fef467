package io.kizuna.cli.importing.file;

import java.io.IOException;

/** Reads a file's entries one at a time, in order. */
public interface EntryReader extends AutoCloseable {

    /** The next entry, or {@code null} at the end of the file. */
    Entry next() throws IOException;

    /** Lines consumed so far, counting from the start of the file (also those before a resume point). */
    long linesRead();

    /** The byte offset just after the last consumed line. */
    long offset();

    @Override
    void close() throws IOException;
}
