package io.kizuna.cli.importing.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The formats an import reads, and how to open a file of each from a given point. */
public enum Format {
    NDJSON,
    CSV;

    /**
     * {@code ndjson} or {@code csv}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Format of(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "ndjson", "jsonl", "json" -> NDJSON;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("--format must be ndjson or csv, not '" + name + "'");
        };
    }

    /** CSV for a {@code .csv} file, else NDJSON. */
    public static Format guess(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Opens {@code file} to read its entries from {@code offset} on, {@code linesBefore} lines already behind.
     *
     * @param mapping for CSV: the column mapping (its header is always read from the start of the file)
     * @throws IllegalArgumentException when a CSV file's header does not fit the mapping
     */
    public EntryReader open(Path file, CsvMapping mapping, long offset, long linesBefore, int maxMessageBytes)
            throws IOException {
        if (this == NDJSON) {
            return new NdjsonReader(lines(file, offset, linesBefore), offset, linesBefore, maxMessageBytes);
        }
        CsvRecords.Row header;
        CsvRecords rows;
        if (offset == 0) {
            rows = new CsvRecords(lines(file, 0, 0));
            header = rows.next();
            if (header == null) {
                rows.close();
                throw new IllegalArgumentException(file + " is empty: a CSV file starts with its header row");
            }
            offset = header.endOffset();
            linesBefore = header.lastLine();
        } else {
            CsvRecords start = new CsvRecords(lines(file, 0, 0));
            try {
                header = start.next();
            } finally {
                start.close();
            }
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty: a CSV file starts with its header row");
            }
            rows = new CsvRecords(lines(file, offset, linesBefore));
        }
        try {
            return new CsvReader(header, rows, mapping, offset, linesBefore, maxMessageBytes);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static LineReader lines(Path file, long offset, long linesBefore) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InputStream in = Channels.newInputStream(channel);
        return new LineReader(in, offset, linesBefore);
    }
}
