package io.kizuna.cli.importing.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void linesKnowTheirNumbersAndWhereTheNextOneStarts() throws IOException {
        String text = "héllo\r\nworld\n\nlast";
        LineReader lines = Lines.of(text);
        LineReader.Line first = lines.next();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.text()).isEqualTo("héllo");
        assertThat(first.endOffset()).isEqualTo("héllo\r\n".getBytes().length);
        assertThat(lines.next().text()).isEqualTo("world");
        LineReader.Line empty = lines.next();
        assertThat(empty.text()).isEmpty();
        LineReader.Line last = lines.next();
        assertThat(last.number()).isEqualTo(4);
        assertThat(last.text()).isEqualTo("last");
        assertThat(last.endOffset()).isEqualTo(text.getBytes().length);
        assertThat(lines.next()).isNull();
    }

    @Test
    void readingFromAnOffsetContinuesTheNumbering() throws IOException {
        String text = "one\ntwo\nthree\n";
        LineReader lines = Lines.of(text);
        lines.next();
        LineReader.Line two = lines.next();
        LineReader resumed = Lines.from(text, two.endOffset(), two.number());
        LineReader.Line three = resumed.next();
        assertThat(three.number()).isEqualTo(3);
        assertThat(three.text()).isEqualTo("three");
        assertThat(resumed.next()).isNull();
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotData() throws IOException {
        LineReader lines = Lines.of("\uFEFFa,b\nc\n");
        LineReader.Line header = lines.next();
        assertThat(header.text()).isEqualTo("a,b");
        assertThat(header.endOffset()).isEqualTo(3 + 4);
    }

    @Test
    void aHugeLineKeepsOnlyItsBeginningButReportsItsLength() throws IOException {
        String huge = "x".repeat(LineReader.MAX_KEPT_BYTES + 10);
        LineReader lines = Lines.of(huge + "\nnext\n");
        LineReader.Line line = lines.next();
        assertThat(line.truncated()).isTrue();
        assertThat(line.lengthInBytes()).isEqualTo(huge.length());
        assertThat(line.text()).hasSize(LineReader.MAX_KEPT_BYTES);
        assertThat(lines.next().text()).isEqualTo("next");
    }
}
