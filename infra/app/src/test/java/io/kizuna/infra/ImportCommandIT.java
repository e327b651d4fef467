package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.cli.KizunaCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code kizuna import} run in-process against the real platform: large files go through the Segment intake in
 * batches, rejected lines are reported with the reason, an interrupted import resumes from its checkpoint, and
 * importing a file again stores nothing twice.
 */
class ImportCommandIT extends PlatformIT {

    private static final Instant DAY = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    @Autowired
    DataSource dataSource;

    private record Run(int status, String out, String err) {}

    private Run kizunaImport(String writeKey, Object... args) {
        List<String> argv = new ArrayList<>();
        argv.add("import");
        for (Object arg : args) {
            argv.add(arg.toString());
        }
        argv.add("--url");
        argv.add("http://127.0.0.1:" + port);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = KizunaCli.run(argv.toArray(String[]::new), Map.of("KIZUNA_WRITE_KEY", writeKey), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String writeKey() {
        return graphql()
                .document("createSource", "name", "import")
                .get("data")
                .get("createSource")
                .get("writeKey")
                .asString();
    }

    private long storedEvents() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private JsonNode customer(String userId) {
        return graphql()
                .document("customerByIdentifier", "type", "userId", "value", userId, "token", null)
                .get("data")
                .get("customerByIdentifier");
    }

    /** Waits until every customer's touchpoint count is as expected (the HTTP intake gives no consistency token). */
    private void awaitTouchpointCounts(Map<String, Integer> expected) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, Integer> actual = new LinkedHashMap<>();
                    for (String userId : expected.keySet()) {
                        JsonNode customer = customer(userId);
                        actual.put(
                                userId,
                                customer == null || customer.isNull()
                                        ? 0
                                        : customer.get("touchpointCount").asInt());
                    }
                    assertThat(actual).isEqualTo(expected);
                });
    }

    private static List<JsonNode> rejectedList(Path file) throws IOException {
        List<JsonNode> rejected = new ArrayList<>();
        for (String line :
                Files.readAllLines(file.resolveSibling(file.getFileName() + ".kizuna-import.rejected.ndjson"))) {
            rejected.add(GraphQlClient.JSON.readTree(line));
        }
        return rejected;
    }

    private static Path checkpoint(Path file) {
        return file.resolveSibling(file.getFileName() + ".kizuna-import.json");
    }

    /** A file of Segment messages with a few lines the intake or the import refuses, and the counts it should give. */
    private static final class NdjsonFile {
        final StringBuilder text = new StringBuilder();
        final Map<String, Integer> touchpoints = new LinkedHashMap<>();
        final Map<Integer, String> rejected = new LinkedHashMap<>();
        int lines;
        int messages;

        void line(String json) {
            text.append(json).append('\n');
            lines++;
        }

        void message(String json, String touchpointOf) {
            line(json);
            messages++;
            if (touchpointOf != null) {
                touchpoints.merge(touchpointOf, 1, Integer::sum);
            }
        }

        void reject(String json, String reason, boolean sent) {
            line(json);
            rejected.put(lines, reason);
            if (sent) {
                messages++;
            }
        }
    }

    private static NdjsonFile segmentExport(String run, int size) {
        NdjsonFile file = new NdjsonFile();
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            users.add("imp-" + run + "-u" + u);
        }
        for (int i = 0; i < size; i++) {
            String user = users.get(i % users.size());
            String at = DAY.plusSeconds(i).toString();
            // every third line carries its own messageId, the others get a deterministic one from the import
            String id = i % 3 == 0 ? "\"messageId\":\"imp-" + run + "-" + i + "\"," : "";
            switch (i % 10) {
                case 0 ->
                    file.message(
                            "{\"type\":\"page\"," + id + "\"userId\":\"" + user
                                    + "\",\"name\":\"Pricing\",\"timestamp\":\"" + at
                                    + "\",\"properties\":{\"url\":\"https://kizuna.example/pricing\"}}",
                            user);
                case 1 ->
                    file.message(
                            "{\"type\":\"identify\"," + id + "\"userId\":\"" + user + "\",\"traits\":{\"plan\":\"p" + i
                                    + "\"},\"timestamp\":\"" + at + "\"}",
                            null);
                case 2 ->
                    file.message(
                            "{\"type\":\"track\"," + id + "\"userId\":\"" + user + "\",\"event\":\"Order Completed\","
                                    + "\"timestamp\":\"" + at
                                    + "\",\"properties\":{\"revenue\":12.5,\"currency\":\"EUR\"}}",
                            user);
                default ->
                    file.message(
                            "{\"type\":\"track\"," + id + "\"userId\":\"" + user + "\",\"event\":\"Product Viewed\","
                                    + "\"timestamp\":\"" + at + "\",\"properties\":{\"sku\":\"SKU-" + (i % 7) + "\"}}",
                            user);
            }
            if (i == 137) {
                file.reject(
                        "{\"type\":\"track\",\"userId\":\"" + user + "\",\"timestamp\":\"" + at + "\"}",
                        "event: a track call needs its event name",
                        true);
            } else if (i == 401) {
                file.reject("{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":", "not valid JSON", false);
            } else if (i == 777) {
                file.reject(
                        "{\"type\":\"purchase\",\"userId\":\"" + user + "\"}",
                        "type must be one of identify, track, page, screen, group, alias",
                        false);
            } else if (i == 1203) {
                file.reject(
                        "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"Order Completed\","
                                + "\"properties\":{\"revenue\":10,\"currency\":\"dollars\"}}",
                        "properties.currency",
                        true);
            } else if (i == 1500) {
                file.line("");
            } else if (i == 1801) {
                file.reject(
                        "{\"type\":\"track\",\"event\":\"Anonymous Click\"}",
                        "userId: give userId or anonymousId",
                        true);
            } else if (i == 1999) {
                // the same text on another line is another event: it gets its own messageId
                String twin = "{\"type\":\"track\",\"userId\":\"" + users.get(0) + "\",\"event\":\"Twin\","
                        + "\"timestamp\":\"" + at + "\"}";
                file.message(twin, users.get(0));
                file.message(twin, users.get(0));
                // a messageId given twice is one message: the intake stores it once
                String again = "{\"type\":\"track\",\"messageId\":\"imp-" + run + "-again\",\"userId\":\""
                        + users.get(1) + "\",\"event\":\"Again\",\"timestamp\":\"" + at + "\"}";
                file.message(again, users.get(1));
                file.message(again, null);
            }
        }
        return file;
    }

    @Test
    void anInterruptedImportResumesFromItsCheckpointAndStoresEveryLineOnce() throws IOException {
        String key = writeKey();
        String run = UUID.randomUUID().toString().substring(0, 8);
        NdjsonFile export = segmentExport(run, 2_400);
        Path file = Files.writeString(dir.resolve("export.ndjson"), export.text);

        Run first = kizunaImport(key, file, "--batch-size", 200, "--max-batches", 2);
        assertThat(first.status()).as(first.err()).isEqualTo(1);
        assertThat(first.err()).contains("stopped after 2 batches as asked (--max-batches)");
        assertThat(first.out()).contains("export.ndjson stopped at line");
        Path saved = dir.resolve("saved-checkpoint.json");
        Files.copy(checkpoint(file), saved);
        JsonNode afterTwo = GraphQlClient.JSON.readTree(checkpoint(file).toFile());
        assertThat(afterTwo.get("line").asLong()).isBetween(400L, 410L);
        assertThat(afterTwo.get("complete").asBoolean()).isFalse();

        Run second = kizunaImport(key, file, "--batch-size", 200, "--max-batches", 3);
        assertThat(second.status()).as(second.err()).isEqualTo(1);
        assertThat(second.err())
                .contains("resuming export.ndjson at line "
                        + (afterTwo.get("line").asLong() + 1));
        // As if the process had died after the intake stored those three batches but before their checkpoints
        // reached the disk: the next run sends them again, and the intake deduplicates them by messageId.
        Files.copy(saved, checkpoint(file), StandardCopyOption.REPLACE_EXISTING);

        Run third = kizunaImport(key, file, "--batch-size", 200);
        assertThat(third.status()).as(third.err() + third.out()).isZero();
        assertThat(third.err())
                .contains("resuming export.ndjson at line "
                        + (afterTwo.get("line").asLong() + 1));
        int rejectedHere = 2;
        int rejectedByIntake = export.rejected.size() - rejectedHere;
        assertThat(third.out())
                .contains("export.ndjson done")
                .contains("lines read      %,d (1 blank)".formatted(export.lines))
                .contains("messages sent   %,d in ".formatted(export.messages))
                .contains("acknowledged    %,d ".formatted(export.messages - rejectedByIntake))
                .contains("rejected        %d (%d here, %d by the intake)"
                        .formatted(export.rejected.size(), rejectedHere, rejectedByIntake))
                .contains("(run 2 of this import)"); // the restored checkpoint is that of the first run
        List<JsonNode> rejected = rejectedList(file);
        assertThat(rejected).extracting(r -> r.get("line").asInt()).containsExactlyElementsOf(export.rejected.keySet());
        for (JsonNode r : rejected) {
            assertThat(r.get("reason").asString())
                    .contains(export.rejected.get(r.get("line").asInt()));
            assertThat(third.out())
                    .contains("line %,d (%s): "
                            .formatted(r.get("line").asInt(), r.get("by").asString()));
        }
        assertThat(rejected)
                .extracting(r -> r.get("by").asString())
                .containsExactly("intake", "import", "import", "intake", "intake");
        awaitTouchpointCounts(export.touchpoints);
        JsonNode buyer = customer("imp-" + run + "-u2");
        assertThat(buyer.get("lifetimeValue").get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(buyer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("750"); // lines 2, 42, ..., 2362: sixty orders of 12.50
        // identify lines (i % 10 == 1) of user 1 are i = 1, 41, ..., 2361: the last one's trait stands
        assertThat(customer("imp-" + run + "-u1").get("traits").get("plan").asString())
                .isEqualTo("p2361");
        long stored = storedEvents();

        Run done = kizunaImport(key, file, "--batch-size", 200);
        assertThat(done.status()).isZero();
        assertThat(done.err()).contains("was imported completely").contains("nothing to send");
        assertThat(done.out()).contains("export.ndjson already imported");

        Run fresh = kizunaImport(key, file, "--fresh");
        assertThat(fresh.status()).as(fresh.err()).isZero();
        assertThat(fresh.err()).doesNotContain("resuming");
        assertThat(fresh.out())
                .contains("messages sent   %,d in ".formatted(export.messages))
                .contains("rejected        %d ".formatted(export.rejected.size()));
        assertThat(storedEvents())
                .as("importing the same file again stores nothing")
                .isEqualTo(stored);
        awaitTouchpointCounts(export.touchpoints);
    }

    @Test
    void csvRowsBecomeTrackCallsByTheColumnMapping() throws IOException {
        String key = writeKey();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String hanako = "csv-" + run + "-hanako";
        String taro = "csv-" + run + "-taro";
        String csv = "order_id,customer_id,action,at,amount,currency,note,unused\r\n"
                + "o-" + run + "-1," + hanako + ",Order Completed," + DAY + ",3980,JPY,\"gift wrap, please\",x\r\n"
                + "," + hanako + ",Product Viewed," + DAY.plusSeconds(60) + ",,,\"she said \"\"kawaii\"\"\",x\r\n"
                + "o-" + run + "-2," + hanako + ",Order Completed," + DAY.plusSeconds(120) + ",1200,JPY,\"two\r\n"
                + "lines\",x\r\n"
                + "o-" + run + "-3," + taro + ",," + DAY + ",500,JPY,,x\r\n"
                + "o-" + run + "-4," + taro + ",Order Completed," + DAY + ",500,JPY\r\n"
                + "," + taro + ",Store Visit," + DAY.plusSeconds(30) + ",,,,x\r\n"
                + "o-" + run + "-5,,Order Completed," + DAY + ",1,JPY,,x\r\n";
        Path file = Files.writeString(dir.resolve("orders.csv"), csv);
        String map = "messageId=order_id,userId=customer_id,event=action,timestamp=at,"
                + "properties.revenue=amount,properties.currency=currency,properties.note=note";

        Run imported = kizunaImport(key, file, "--map", map);
        assertThat(imported.status()).as(imported.err() + imported.out()).isZero();
        assertThat(imported.out())
                .contains("lines read      9")
                .contains("messages sent   4 in 1 requests")
                .contains("acknowledged    4 ")
                .contains("rejected        3 (3 here, 0 by the intake)")
                .contains("line 6 (import): no event: column 'action' (event=action) is empty")
                .contains("line 7 (import): the row has 6 fields, the header 8")
                .contains("line 9 (import): no userId or anonymousId: column 'customer_id' (userId=customer_id)"
                        + " is empty and no anonymousId column is mapped (add anonymousId=<column> to --map)");

        awaitTouchpointCounts(Map.of(hanako, 3, taro, 1));
        JsonNode customer = customer(hanako);
        assertThat(customer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("5180");
        // the timeline is another index than the profile: it becomes searchable at its own refresh
        JsonNode timeline = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> graphql()
                                .document(
                                        "customerTimeline",
                                        "id",
                                        customer.get("id").asString(),
                                        "token",
                                        null,
                                        "first",
                                        10)
                                .get("data")
                                .get("customer")
                                .get("timeline")
                                .get("edges"),
                        edges -> edges.size() == 3);
        assertThat(timeline.findValuesAsString("note"))
                .containsExactlyInAnyOrder("two\nlines", "she said \"kawaii\"", "gift wrap, please");

        long stored = storedEvents();
        Run again = kizunaImport(key, file, "--map", map, "--fresh");
        assertThat(again.status()).isZero();
        assertThat(storedEvents())
                .as("rows without an order_id get the same messageId again")
                .isEqualTo(stored);
    }

    @Test
    void anUnknownWriteKeyStopsTheImportAtOnce() throws IOException {
        Path file = Files.writeString(
                dir.resolve("one.ndjson"), "{\"type\":\"track\",\"userId\":\"u-401\",\"event\":\"E\"}\n");
        Run run = kizunaImport("wk_not_a_key", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("the write key is unknown or revoked (HTTP 401");
        assertThat(run.out()).contains("messages sent   0");
    }

    @Test
    void usageMistakesExitWithStatusTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n");
        Run noMapping = kizunaImport("wk_x", file);
        assertThat(noMapping.status()).isEqualTo(2);
        assertThat(noMapping.err()).contains("a CSV import needs --map");
        Run wrongColumn = kizunaImport("wk_x", file, "--map", "userId=a,event=action");
        assertThat(wrongColumn.status()).isEqualTo(2);
        assertThat(wrongColumn.err()).contains("the header has no column 'action' (it has: a, b)");
    }
}
