package io.kizuna.cli.importing.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static List<CsvRecords.Row> rows(String text) throws IOException {
        CsvRecords records = new CsvRecords(Lines.of(text));
        List<CsvRecords.Row> rows = new ArrayList<>();
        CsvRecords.Row row;
        while ((row = records.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void plainFieldsAreSplitAtCommas() throws IOException {
        List<CsvRecords.Row> rows = rows("a,b,c\n1,,3\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).fields()).containsExactly("1", "", "3");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        String text = "id,note,amount\r\n" + "1,\"Tanaka, Hanako\",3980\r\n"
                + "2,\"she said \"\"hello\"\"\",\"\"\r\n"
                + "3,\"two\r\nlines, and more\",12.50\r\n"
                + "4,after,x\r\n";
        List<CsvRecords.Row> rows = rows(text);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1).fields()).containsExactly("1", "Tanaka, Hanako", "3980");
        assertThat(rows.get(2).fields()).containsExactly("2", "she said \"hello\"", "");
        CsvRecords.Row multiline = rows.get(3);
        assertThat(multiline.fields()).containsExactly("3", "two\nlines, and more", "12.50");
        assertThat(multiline.firstLine()).isEqualTo(4);
        assertThat(multiline.lastLine()).isEqualTo(5);
        assertThat(multiline.raw()).isEqualTo("3,\"two\nlines, and more\",12.50");
        assertThat(rows.get(4).firstLine()).isEqualTo(6);
        assertThat(rows.get(4).fields()).containsExactly("4", "after", "x");
        assertThat(rows.get(4).endOffset()).isEqualTo(text.getBytes().length);
    }

    @Test
    void sloppyQuotesInsideUnquotedFieldsAreKept() throws IOException {
        assertThat(rows("5\" screen,\"a\"b\n").get(0).fields()).containsExactly("5\" screen", "ab");
    }

    @Test
    void anEmptyLineIsABlankRow() throws IOException {
        List<CsvRecords.Row> rows = rows("a\n\nb\n");
        assertThat(rows.get(1).isBlank()).isTrue();
        assertThat(rows.get(2).fields()).containsExactly("b");
    }

    @Test
    void aQuoteLeftOpenIsReportedAtTheEnd() throws IOException {
        List<CsvRecords.Row> rows = rows("a,b\n1,\"open\n2,x\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).problem()).contains("quoted field opened on line 2 is not closed");
        assertThat(rows.get(1).lastLine()).isEqualTo(3);
    }
}
