package io.kizuna.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;

/** Posts to the Segment-compatible HTTP intake the way Segment's libraries and plain HTTP integrators do. */
final class SegmentHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    SegmentHttp(int port) {
        this.port = port;
    }

    /** An answer: status, the {@code Retry-After} header if any, and the JSON body. */
    record Answer(int status, String retryAfter, JsonNode body) {}

    /** Authenticated by HTTP Basic: the write key as user name, empty password. */
    Answer postBasic(String path, String writeKey, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), basic(writeKey), false);
    }

    /** Without an Authorization header: the write key, if any, is in the body. */
    Answer post(String path, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), null, false);
    }

    Answer postGzip(String path, String authorization, String json) {
        return post(path, gzip(json.getBytes(StandardCharsets.UTF_8)), authorization, true);
    }

    Answer post(String path, byte[] body, String authorization, boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    GraphQlClient.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
