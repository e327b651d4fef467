package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Asks a node whether it is ready: cluster health yellow or green. */
final class Health {

    // The integ-test distribution has no rest-root module, so GET / is not an option.
    private static final String READY_PATH = "/_cluster/health?wait_for_status=yellow&timeout=1s";
    private static final Pattern READY_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private Health() {}

    static boolean isReady(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(READY_PATH))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && READY_STATUS.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether anything at all accepts connections on the url's port. */
    static boolean isListening(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
