package io.kizuna.cli.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint at(Path file, long line, boolean complete) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Checkpoint(
                Checkpoint.VERSION,
                file.toString(),
                1234,
                5678,
                "csv",
                "userId=customer_id,event=action",
                line,
                98_765,
                new Checkpoint.Counts(1, 500, 497, 2, 3, 2),
                321,
                complete,
                2,
                now.minusSeconds(60),
                now);
    }

    @Test
    void aCheckpointIsWrittenNextToTheFileAndReadBack() throws IOException {
        Path file = dir.resolve("events.csv");
        Checkpoint written = at(file, 4_500, false);
        written.write(file);
        assertThat(Checkpoint.pathFor(file)).isEqualTo(dir.resolve("events.csv.kizuna-import.json"));
        assertThat(Checkpoint.read(file)).isEqualTo(written);
        assertThat(Files.readString(Checkpoint.pathFor(file))).contains("\"line\" : 4500");
        assertThat(written.counts().rejected()).isEqualTo(5);

        Checkpoint later = at(file, 5_000, true);
        later.write(file);
        assertThat(Checkpoint.read(file)).isEqualTo(later);
        try (var siblings = Files.list(dir)) {
            assertThat(siblings).as("no partial file is left behind").hasSize(1);
        }
    }

    @Test
    void theFingerprintIsSizeAndModificationTime() {
        Checkpoint checkpoint = at(dir.resolve("f"), 1, false);
        assertThat(checkpoint.fits(1234, 5678)).isTrue();
        assertThat(checkpoint.fits(1235, 5678)).isFalse();
        assertThat(checkpoint.fits(1234, 5679)).isFalse();
    }

    @Test
    void noCheckpointIsNullAndABrokenOneIsAnError() throws IOException {
        Path file = dir.resolve("events.ndjson");
        assertThat(Checkpoint.read(file)).isNull();
        Files.writeString(Checkpoint.pathFor(file), "{\"version\": 1, \"line\": ");
        assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(IOException.class);
    }
}
