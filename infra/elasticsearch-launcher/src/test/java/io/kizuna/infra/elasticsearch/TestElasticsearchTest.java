package io.kizuna.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestElasticsearchTest {

    @Test
    void sharedNodeAnswersAndIsWatched() throws Exception {
        URI url = TestElasticsearch.url();

        assertThat(TestElasticsearch.url()).isSameAs(url);
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url.resolve("/_cluster/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\":\"(green|yellow)\"");

        Path home =
                NodeUser.current().effectiveHome(TestElasticsearch.settings().home());
        assertThat(Files.getLastModifiedTime(Watchdog.heartbeatFile(home)).toMillis())
                .isGreaterThan(System.currentTimeMillis() - 10_000);
        if (Files.exists(Watchdog.nodePidFile(home))) {
            assertThat(Watchdog.readPid(Watchdog.watchdogPidFile(home)).flatMap(ProcessHandle::of))
                    .hasValueSatisfying(
                            watchdog -> assertThat(watchdog.isAlive()).isTrue());
        }
    }
}
