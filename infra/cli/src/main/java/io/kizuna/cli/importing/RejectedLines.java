package io.kizuna.cli.importing;

import io.kizuna.cli.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Every rejected line of an import with its reason, one JSON object per line in
 * {@code FILE.kizuna-import.rejected.ndjson}: {@code {"line":12,"by":"intake","reason":"...","content":"..."}}.
 * Appended as batches are done; the checkpoint records its length, so an interrupted run's extra lines are cut off
 * before the same lines are read again.
 */
final class RejectedLines implements AutoCloseable {

    /** One rejected line (or CSV row, which may span lines up to {@code lastLine}). */
    record Rejection(long line, long lastLine, String by, String reason, String content) {

        static final String HERE = "import";
        static final String INTAKE = "intake";
    }

    private final FileChannel channel;
    private final OutputStream out;
    private long bytes;

    private RejectedLines(FileChannel channel, long bytes) {
        this.channel = channel;
        this.out = java.nio.channels.Channels.newOutputStream(channel);
        this.bytes = bytes;
    }

    static Path pathFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".kizuna-import.rejected.ndjson");
    }

    /** Opens the list to append to, keeping its first {@code keepBytes} (0 for a fresh import). */
    static RejectedLines open(Path file, long keepBytes) throws IOException {
        FileChannel channel = FileChannel.open(
                pathFor(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long keep = Math.min(keepBytes, channel.size());
        channel.truncate(keep);
        channel.position(keep);
        return new RejectedLines(channel, keep);
    }

    void append(Rejection r) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", r.line());
        if (r.lastLine() != r.line()) {
            line.put("lastLine", r.lastLine());
        }
        line.put("by", r.by());
        line.put("reason", r.reason());
        line.put("content", r.content());
        byte[] json = Json.MAPPER.writeValueAsBytes(line);
        out.write(json);
        out.write('\n');
        bytes += json.length + 1;
    }

    /** Bytes written so far (what the checkpoint records). */
    long bytes() {
        return bytes;
    }

    /** The first {@code n} rejections listed next to {@code file}. */
    static List<Rejection> first(Path file, int n) throws IOException {
        Path path = pathFor(file);
        List<Rejection> first = new ArrayList<>();
        if (!Files.exists(path)) {
            return first;
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String text;
            while (first.size() < n && (text = reader.readLine()) != null) {
                try {
                    JsonNode node = Json.MAPPER.readTree(text);
                    long line = node.path("line").asLong();
                    first.add(new Rejection(
                            line,
                            node.path("lastLine").asLong(line),
                            node.path("by").asString(""),
                            node.path("reason").asString(""),
                            node.path("content").asString("")));
                } catch (JacksonException e) {
                    // a line cut short by a crash: the rest are still worth showing
                }
            }
        }
        return first;
    }

    @Override
    public void close() throws IOException {
        channel.force(false);
        channel.close();
    }
}
