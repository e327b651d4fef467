package io.kizuna.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElasticsearchLauncherTest {

    private Path home;

    @BeforeEach
    void createHome() throws IOException {
        // Under /tmp rather than @TempDir's default, so that the node's user can reach it when the build runs as root.
        home = Files.createTempDirectory(Path.of("/tmp"), "kizuna-es-launcher-test-");
    }

    @AfterEach
    void deleteHome() {
        Distribution.deleteRecursively(home);
    }

    @Test
    void startsAReadyNodeThatASecondCallReusesAndCloseStops() throws Exception {
        LauncherSettings settings = LauncherSettings.defaults(home).withPort(freePort());

        try (ElasticsearchNode node = ElasticsearchLauncher.startOrReuse(settings)) {
            assertThat(node.startedHere()).isTrue();
            assertThat(node.url()).isEqualTo(settings.url());
            HttpResponse<String> health = get(node.url().resolve("/_cluster/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains("\"cluster_name\":\"kizuna\"")
                    .containsPattern("\"status\":\"(green|yellow)\"");

            ElasticsearchNode second = ElasticsearchLauncher.startOrReuse(settings);
            assertThat(second.startedHere()).isFalse();
            assertThat(second.url()).isEqualTo(node.url());
            second.close();
            assertThat(Health.isReady(node.url()))
                    .as("closing a reused node leaves it running")
                    .isTrue();
        }

        assertThat(Health.isListening(settings.url()))
                .as("port answers after close")
                .isFalse();
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
