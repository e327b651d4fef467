package io.kizuna.cli.importing.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file's physical lines (ended by LF or CRLF) as UTF-8, counting line numbers and byte offsets, so that an
 * import can checkpoint "line 4,500 ends at byte 987,654" and later continue from exactly there. A line longer than
 * {@link #MAX_KEPT_BYTES} keeps only its beginning (it is rejected anyway: the intake takes 32 KB per message) but
 * still reports its full length, so one huge line cannot exhaust memory.
 */
public final class LineReader implements AutoCloseable {

    /** Longest part of a line kept in memory. */
    public static final int MAX_KEPT_BYTES = 1 << 20;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private long offset;
    private long lineNumber;
    private byte[] line = new byte[256];

    /** One physical line: its 1-based number, its text without the line break, where the next line starts. */
    public record Line(long number, String text, long lengthInBytes, long endOffset) {

        /** True when the line was longer than {@link #MAX_KEPT_BYTES} and {@code text} is only its beginning. */
        public boolean truncated() {
            return lengthInBytes > MAX_KEPT_BYTES;
        }
    }

    /**
     * @param in the file's bytes from {@code startOffset} on
     * @param startOffset where {@code in} starts in the file (0, or the end offset of a line already read)
     * @param linesBefore how many lines precede that offset
     */
    public LineReader(InputStream in, long startOffset, long linesBefore) {
        this.in = in;
        this.offset = startOffset;
        this.lineNumber = linesBefore;
    }

    /** The next line, or {@code null} at the end of the file. */
    public Line next() throws IOException {
        long lineStart = offset;
        int kept = 0;
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int start = position;
            int newline = -1;
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int chunk = end - start;
            length += chunk;
            int room = MAX_KEPT_BYTES - kept;
            if (room > 0) {
                int copy = Math.min(room, chunk);
                if (kept + copy > line.length) {
                    line = Arrays.copyOf(line, Math.max(kept + copy, Math.min(MAX_KEPT_BYTES, line.length * 2)));
                }
                System.arraycopy(buffer, start, line, kept, copy);
                kept += copy;
            }
            if (newline >= 0) {
                position = newline + 1;
                offset += chunk + 1;
                break;
            }
            position = limit;
            offset += chunk;
        }
        int textStart = 0;
        if (lineStart == 0 && startsWithBom(kept)) {
            // Excel and friends put a byte order mark before the first line; it is not part of the data.
            textStart = BOM.length;
        }
        int textEnd = kept;
        if (textEnd > textStart && line[textEnd - 1] == '\r' && length == kept) {
            textEnd--;
            length--;
        }
        lineNumber++;
        String text = new String(line, textStart, textEnd - textStart, StandardCharsets.UTF_8);
        return new Line(lineNumber, text, length - textStart, offset);
    }

    private boolean startsWithBom(int kept) {
        return kept >= 3 && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
