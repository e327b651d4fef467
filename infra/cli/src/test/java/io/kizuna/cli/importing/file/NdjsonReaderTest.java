package io.kizuna.cli.importing.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

    private static List<Entry> entries(String text, int maxMessageBytes) throws IOException {
        NdjsonReader reader = new NdjsonReader(Lines.of(text), 0, 0, maxMessageBytes);
        List<Entry> entries = new ArrayList<>();
        Entry entry;
        while ((entry = reader.next()) != null) {
            entries.add(entry);
        }
        return entries;
    }

    @Test
    void whatTheIntakeWouldCertainlyRefuseIsRejectedHere() throws IOException {
        String text = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}\n"
                + "{\"type\":\"track\",\"userId\":\n"
                + "[1,2]\n"
                + "   \n"
                + "{\"type\":\"purchase\",\"userId\":\"u\"}\n"
                + "{\"userId\":\"u\"}\n"
                + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"blob\":\""
                + "x".repeat(200) + "\"}}\n"
                + "{\"type\":\"track\"} trailing\n";
        List<Entry> entries = entries(text, 150);
        assertThat(entries).hasSize(8);
        assertThat(entries.get(0).isMessage()).isTrue();
        assertThat(entries.get(1).rejection()).startsWith("not valid JSON");
        assertThat(entries.get(2).rejection()).startsWith("not a JSON object");
        assertThat(entries.get(3).isBlank()).isTrue();
        assertThat(entries.get(4).rejection()).contains("type must be one of").endsWith("got \"purchase\"");
        assertThat(entries.get(5).rejection()).endsWith("got none");
        assertThat(entries.get(6).rejection()).contains("over the intake's limit of 150 bytes");
        assertThat(entries.get(7).rejection()).startsWith("not valid JSON");
        assertThat(entries.get(7).firstLine()).isEqualTo(8);
        assertThat(entries.get(7).endOffset()).isEqualTo(text.getBytes().length);
    }

    @Test
    void theMessageIsSentCompactWithItsValuesAsWritten() throws IOException {
        List<Entry> entries = entries(
                "{ \"type\": \"track\", \"messageId\": \"m-1\", \"userId\": \"u\", \"event\": \"E\","
                        + " \"properties\": {\"revenue\": 39.80} }\n",
                32 * 1024);
        assertThat(new String(entries.get(0).message()))
                .isEqualTo("{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u\",\"event\":\"E\","
                        + "\"properties\":{\"revenue\":39.80}}");
    }
}
