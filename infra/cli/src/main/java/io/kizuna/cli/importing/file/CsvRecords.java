package io.kizuna.cli.importing.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CSV file (RFC 4180) into rows: fields separated by commas, a field in double quotes may hold commas, line
 * breaks and quotes written twice ({@code ""}). Lenient where real exports are sloppy (a quote inside an unquoted
 * field is kept as it is; text after a closing quote is appended), strict where the data would be wrong: a quote
 * left open at the end of the file, or a row running over {@link #MAX_ROW_CHARS}, is reported as a problem.
 */
public final class CsvRecords {

    /** Longest row kept in memory: beyond this, a quote was most likely left open. */
    public static final int MAX_ROW_CHARS = 1 << 20;

    private final LineReader lines;

    /**
     * One row.
     *
     * @param raw the row's text as written (its lines joined by line feeds)
     * @param problem why the row could not be read whole, or {@code null}
     */
    public record Row(long firstLine, long lastLine, long endOffset, List<String> fields, String raw, String problem) {

        /** An empty line between rows. */
        public boolean isBlank() {
            return problem == null && raw.isEmpty();
        }
    }

    public CsvRecords(LineReader lines) {
        this.lines = lines;
    }

    /** The next row, or {@code null} at the end of the file. */
    public Row next() throws IOException {
        LineReader.Line first = lines.next();
        if (first == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        boolean inQuotes = false;
        boolean fieldStart = true;
        boolean overflow = first.truncated();
        LineReader.Line line = first;
        while (true) {
            String text = line.text();
            if (!overflow) {
                raw.append(text);
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            append(field, '"', overflow);
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    } else {
                        append(field, c, overflow);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                } else if (c == '"' && fieldStart) {
                    inQuotes = true;
                    fieldStart = false;
                } else {
                    append(field, c, overflow);
                    fieldStart = false;
                }
            }
            if (!inQuotes) {
                break;
            }
            LineReader.Line more = lines.next();
            if (more == null) {
                return new Row(
                        first.number(),
                        line.number(),
                        line.endOffset(),
                        List.of(),
                        raw.toString(),
                        "a quoted field opened on line %,d is not closed before the end of the file"
                                .formatted(first.number()));
            }
            line = more;
            overflow |= more.truncated() || raw.length() + more.text().length() + 1 > MAX_ROW_CHARS;
            if (!overflow) {
                raw.append('\n');
                append(field, '\n', false);
            }
        }
        fields.add(field.toString());
        if (overflow) {
            return new Row(
                    first.number(),
                    line.number(),
                    line.endOffset(),
                    List.of(),
                    raw.toString(),
                    "the row (lines %,d to %,d) is longer than %,d characters: is a quote left open?"
                            .formatted(first.number(), line.number(), MAX_ROW_CHARS));
        }
        return new Row(first.number(), line.number(), line.endOffset(), List.copyOf(fields), raw.toString(), null);
    }

    private static void append(StringBuilder field, char c, boolean overflow) {
        if (!overflow) {
            field.append(c);
        }
    }

    public void close() throws IOException {
        lines.close();
    }
}
