package io.kizuna.cli.importing.file;

import io.kizuna.cli.Json;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a CSV file with a header row: each row becomes a {@code track} call by the {@link CsvMapping}. A row whose
 * number of fields differs from the header's, or that the mapping cannot make a call of, is rejected with the reason.
 * A row without a messageId column value gets its {@link MessageIds deterministic one} (from its first line and text).
 */
public final class CsvReader implements EntryReader {

    private final CsvRecords rows;
    private final CsvMapping mapping;
    private final int headerSize;
    private final int maxMessageBytes;
    private long linesRead;
    private long offset;

    /**
     * @param header the header row, read from the start of the file (also when resuming further on)
     * @param rows the rows from where the import starts (after the header)
     * @throws IllegalArgumentException when the mapping names a column the header lacks
     */
    public CsvReader(
            CsvRecords.Row header,
            CsvRecords rows,
            CsvMapping mapping,
            long startOffset,
            long linesBefore,
            int maxMessageBytes) {
        if (header.problem() != null) {
            throw new IllegalArgumentException("the header row cannot be read: " + header.problem());
        }
        mapping.bind(header.fields());
        this.rows = rows;
        this.mapping = mapping;
        this.headerSize = header.fields().size();
        this.maxMessageBytes = maxMessageBytes;
        this.offset = startOffset;
        this.linesRead = linesBefore;
    }

    @Override
    public Entry next() throws IOException {
        CsvRecords.Row row = rows.next();
        if (row == null) {
            return null;
        }
        linesRead = row.lastLine();
        offset = row.endOffset();
        return entry(row);
    }

    private Entry entry(CsvRecords.Row row) {
        long first = row.firstLine();
        long last = row.lastLine();
        if (row.problem() != null) {
            return Entry.rejected(first, last, row.endOffset(), row.raw(), row.problem());
        }
        if (row.isBlank()) {
            return Entry.blank(first, row.endOffset());
        }
        List<String> fields = row.fields();
        if (fields.size() != headerSize) {
            return Entry.rejected(
                    first,
                    last,
                    row.endOffset(),
                    row.raw(),
                    "the row has %d fields, the header %d (a comma or quote in an unquoted field?)"
                            .formatted(fields.size(), headerSize));
        }
        ObjectNode call;
        try {
            call = mapping.toTrack(fields);
        } catch (IllegalArgumentException e) {
            return Entry.rejected(first, last, row.endOffset(), row.raw(), e.getMessage());
        }
        if (!call.has("messageId")) {
            call.put("messageId", MessageIds.of(first, row.raw()));
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(call);
        if (bytes.length > maxMessageBytes) {
            return Entry.rejected(
                    first, last, row.endOffset(), row.raw(), NdjsonReader.tooLarge(bytes.length, maxMessageBytes));
        }
        return Entry.message(first, last, row.endOffset(), row.raw(), bytes);
    }

    @Override
    public long linesRead() {
        return linesRead;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
