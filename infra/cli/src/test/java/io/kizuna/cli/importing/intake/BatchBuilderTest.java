package io.kizuna.cli.importing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.cli.importing.file.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    private static Entry message(long line, int bytes) {
        String json = "{\"p\":\"" + "x".repeat(bytes - 8) + "\"}";
        return new Entry(line, line, line * 100, json, json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Entry rejected(long line) {
        return new Entry(line, line, line * 100, "oops", null, "not valid JSON");
    }

    /** Feeds every entry through the builder as the import does, returning the batches. */
    private static List<BatchBuilder.Batch> split(BatchBuilder builder, List<Entry> entries) {
        List<BatchBuilder.Batch> batches = new ArrayList<>();
        for (Entry entry : entries) {
            if (!builder.add(entry)) {
                batches.add(builder.build());
                assertThat(builder.add(entry)).isTrue();
            }
        }
        if (!builder.isEmpty()) {
            batches.add(builder.build());
        }
        return batches;
    }

    @Test
    void batchesHoldAtMostTheGivenNumberOfMessages() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 1_234; i++) {
            entries.add(i % 100 == 0 ? rejected(i) : message(i, 100));
        }
        List<BatchBuilder.Batch> batches = split(new BatchBuilder(500, 500 * 1024, 5_000), entries);
        assertThat(batches).extracting(b -> b.messages().size()).containsExactly(500, 500, 222);
        assertThat(batches.get(0).last().lastLine()).isEqualTo(505);
        assertThat(batches.stream().mapToInt(b -> b.entries().size()).sum()).isEqualTo(1_234);
    }

    @Test
    void batchesStayUnderTheRequestSizeLimit() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            entries.add(message(i, 30 * 1024));
        }
        List<BatchBuilder.Batch> batches = split(new BatchBuilder(500, 500 * 1024, 5_000), entries);
        assertThat(batches).extracting(b -> b.messages().size()).containsExactly(16, 16, 16, 16, 16, 16, 4);
        for (BatchBuilder.Batch batch : batches) {
            byte[] body = BatchBuilder.body(batch.messages());
            assertThat(body.length).isLessThanOrEqualTo(500 * 1024);
            long messageBytes =
                    batch.messages().stream().mapToLong(e -> e.message().length).sum();
            assertThat(BatchBuilder.requestBytes(batch.messages().size(), messageBytes))
                    .isEqualTo(body.length);
        }
    }

    @Test
    void aLongRunOfRejectedLinesIsStillCutIntoBatches() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            entries.add(rejected(i));
        }
        List<BatchBuilder.Batch> batches = split(new BatchBuilder(500, 500 * 1024, 10), entries);
        assertThat(batches).extracting(b -> b.entries().size()).containsExactly(10, 10, 5);
        assertThat(batches.get(0).messages()).isEmpty();
    }

    @Test
    void theBodyIsASegmentBatch() {
        byte[] body = BatchBuilder.body(List.of(message(1, 10), message(2, 10)));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"batch\":[{\"p\":\"xx\"},{\"p\":\"xx\"}]}");
    }
}
