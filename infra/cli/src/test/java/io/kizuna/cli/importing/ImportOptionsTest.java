package io.kizuna.cli.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.cli.importing.file.Format;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsComeFromTheEnvironmentAndTheFileName() throws Exception {
        Path csv = Files.writeString(dir.resolve("orders.csv"), "a,b\n");
        ImportOptions options = ImportOptions.parse(
                List.of(csv.toString(), "--map", "userId=a,event=b"),
                Map.of("KIZUNA_URL", "http://kizuna.example:8080", "KIZUNA_WRITE_KEY", "wk_1"));
        assertThat(options.url()).isEqualTo(URI.create("http://kizuna.example:8080"));
        assertThat(options.writeKey()).isEqualTo("wk_1");
        assertThat(options.format()).isEqualTo(Format.CSV);
        assertThat(options.batchSize()).isEqualTo(500);
        assertThat(options.retryFor()).isEqualTo(Duration.ofMinutes(2));

        ImportOptions given = ImportOptions.parse(
                List.of(
                        "--url=http://127.0.0.1:9",
                        csv.toString(),
                        "--write-key",
                        "wk_2",
                        "--format",
                        "csv",
                        "--map",
                        "userId=a,event=b",
                        "--batch-size",
                        "50",
                        "--fresh",
                        "--retry-for",
                        "5s"),
                Map.of());
        assertThat(given.url()).isEqualTo(URI.create("http://127.0.0.1:9"));
        assertThat(given.writeKey()).isEqualTo("wk_2");
        assertThat(given.batchSize()).isEqualTo(50);
        assertThat(given.fresh()).isTrue();
        assertThat(given.retryFor()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void usageMistakesAreExplained() throws IOException {
        Path ndjson = Files.writeString(dir.resolve("events.ndjson"), "{}\n");
        Map<String, String> key = Map.of("KIZUNA_WRITE_KEY", "wk_1");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(), key)).hasMessageContaining("which file?");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(dir.resolve("nope").toString()), key))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString()), Map.of()))
                .hasMessageContaining("no write key");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--batch-size", "3000"), key))
                .hasMessageContaining("--batch-size must be between 1 and 2500");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--format", "xml"), key))
                .hasMessageContaining("--format must be ndjson or csv");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--format", "csv"), key))
                .hasMessageContaining("needs --map");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--url", "localhost:8080"), key))
                .hasMessageContaining("--url must be");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--speed"), key))
                .hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> ImportOptions.parse(List.of(ndjson.toString(), "--retry-for", "soon"), key))
                .hasMessageContaining("--retry-for must be a duration");
    }
}
