package io.kizuna.cli.importing.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.cli.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void theSameLineAtTheSamePlaceAlwaysGetsTheSameId() {
        String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
        assertThat(MessageIds.of(7, line)).isEqualTo(MessageIds.of(7, line)).startsWith(MessageIds.PREFIX);
        assertThat(MessageIds.of(7, line)).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void identicalLinesAtDifferentPlacesAreDifferentMessages() {
        String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
        assertThat(MessageIds.of(7, line)).isNotEqualTo(MessageIds.of(8, line));
        assertThat(MessageIds.of(7, line)).isNotEqualTo(MessageIds.of(7, line + " "));
    }

    @Test
    void readingAFileTwiceGivesTheSameIdsAndKeepsThoseGiven() throws IOException {
        String file =
                """
                {"type":"track","userId":"u","event":"A"}
                {"type":"track","userId":"u","event":"A"}
                {"type":"track","userId":"u","event":"B","messageId":"given-1"}
                """;
        List<String> first = ids(file);
        assertThat(first).isEqualTo(ids(file));
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
        assertThat(first.get(2)).isEqualTo("given-1");
    }

    @Test
    void csvRowsWithoutAMessageIdColumnGetDeterministicIds() throws IOException {
        String csv = "customer,action\nC-1,Viewed\nC-1,Viewed\n";
        List<String> first = csvIds(csv);
        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(csvIds(csv));
        assertThat(first.get(0)).isEqualTo(MessageIds.of(2, "C-1,Viewed"));
    }

    private static List<String> ids(String text) throws IOException {
        NdjsonReader reader = new NdjsonReader(Lines.of(text), 0, 0, 32 * 1024);
        List<String> ids = new ArrayList<>();
        Entry entry;
        while ((entry = reader.next()) != null) {
            ids.add(Json.MAPPER.readTree(entry.message()).get("messageId").asString());
        }
        return ids;
    }

    private static List<String> csvIds(String text) throws IOException {
        CsvRecords rows = new CsvRecords(Lines.of(text));
        CsvRecords.Row header = rows.next();
        CsvReader reader = new CsvReader(
                header, rows, CsvMapping.parse("userId=customer,event=action"), header.endOffset(), 1, 32 * 1024);
        List<String> ids = new ArrayList<>();
        Entry entry;
        while ((entry = reader.next()) != null) {
            ids.add(Json.MAPPER.readTree(entry.message()).get("messageId").asString());
        }
        return ids;
    }
}
