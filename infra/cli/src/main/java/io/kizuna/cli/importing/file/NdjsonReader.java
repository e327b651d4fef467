package io.kizuna.cli.importing.file;

import io.kizuna.cli.Json;
import java.io.IOException;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an NDJSON file of Segment messages, one JSON object per line, {@code type} as Segment uses it. Refuses here
 * what the intake would certainly refuse without looking further (not JSON, not an object, an unknown type, over the
 * size limit), so those lines cost no request; everything else is the intake's to judge. A line without a messageId
 * gets its {@link MessageIds deterministic one}.
 */
public final class NdjsonReader implements EntryReader {

    static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

    private final LineReader lines;
    private final int maxMessageBytes;
    private long linesRead;
    private long offset;

    /**
     * @param lines the file's lines from where the import starts
     * @param maxMessageBytes the intake's limit per message (Segment's 32 KB)
     */
    public NdjsonReader(LineReader lines, long startOffset, long linesBefore, int maxMessageBytes) {
        this.lines = lines;
        this.maxMessageBytes = maxMessageBytes;
        this.offset = startOffset;
        this.linesRead = linesBefore;
    }

    @Override
    public Entry next() throws IOException {
        LineReader.Line line = lines.next();
        if (line == null) {
            return null;
        }
        linesRead = line.number();
        offset = line.endOffset();
        return entry(line);
    }

    private Entry entry(LineReader.Line line) {
        long n = line.number();
        String text = line.text();
        if (line.truncated()) {
            return Entry.rejected(n, n, line.endOffset(), text, tooLarge(line.lengthInBytes(), maxMessageBytes));
        }
        if (text.isBlank()) {
            return Entry.blank(n, line.endOffset());
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return Entry.rejected(
                    n, n, line.endOffset(), text, "not valid JSON" + at(e) + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode message)) {
            return Entry.rejected(
                    n, n, line.endOffset(), text, "not a JSON object: each line must be one Segment message");
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isString() || !TYPES.contains(type.stringValue())) {
            return Entry.rejected(
                    n,
                    n,
                    line.endOffset(),
                    text,
                    "type must be one of identify, track, page, screen, group, alias; got "
                            + (type == null ? "none" : type.toString()));
        }
        JsonNode messageId = message.get("messageId");
        if (messageId == null
                || messageId.isNull()
                || (messageId.isString() && messageId.stringValue().isBlank())) {
            message.put("messageId", MessageIds.of(n, text));
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(message);
        if (bytes.length > maxMessageBytes) {
            return Entry.rejected(n, n, line.endOffset(), text, tooLarge(bytes.length, maxMessageBytes));
        }
        return Entry.message(n, n, line.endOffset(), text, bytes);
    }

    static String tooLarge(long bytes, int maxMessageBytes) {
        return "the message is %,d bytes, over the intake's limit of %,d bytes per message (Segment's 32 KB)"
                .formatted(bytes, maxMessageBytes);
    }

    private static String at(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        return location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
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
        lines.close();
    }
}
