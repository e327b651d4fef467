package io.kizuna.cli.importing.file;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: readers over text in memory. */
final class Lines {

    private Lines() {}

    static LineReader of(String text) {
        return from(text, 0, 0);
    }

    static LineReader from(String text, long offset, long linesBefore) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new LineReader(
                new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset), offset, linesBefore);
    }
}
