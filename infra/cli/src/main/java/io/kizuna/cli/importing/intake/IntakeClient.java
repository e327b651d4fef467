package io.kizuna.cli.importing.intake;

import io.kizuna.cli.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Posts batch requests to the platform's Segment-compatible intake ({@code POST {url}/v1/batch}, HTTP Basic with the
 * write key as user name, gzipped). Sending again is always safe, because the intake deduplicates by messageId: so
 * on 429, 5xx, a timeout or a connection failure it waits (as long as {@code Retry-After} says, else backing off from
 * half a second to 30 s) and tries again, for at most {@code retryFor}; a 401 stops at once.
 */
public final class IntakeClient {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final URI batchUri;
    private final String authorization;
    private final Duration retryFor;
    private final Listener listener;

    /** What the intake answered: all accepted, or refused (400) naming the problem. */
    public sealed interface Answer {}

    /** {@code 200}: every message is stored, or was already. */
    public record Accepted() implements Answer {}

    /**
     * A refusal of the request as sent (400, or 413 from a proxy in front of the platform).
     *
     * @param field where the problem is, as the intake names it ({@code batch[12].event}), or {@code null}
     */
    public record Refused(int status, String message, String field) implements Answer {}

    /** Told about each failed attempt that will be tried again. */
    public interface Listener {
        void retrying(String problem, Duration wait);
    }

    /**
     * @param url the platform's base address, e.g. {@code http://localhost:8080}
     * @param retryFor how long one request may keep failing before the import gives up
     */
    public IntakeClient(URI url, String writeKey, Duration retryFor, Listener listener) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String base = url.toString().replaceAll("/+$", "");
        this.batchUri = URI.create(base + "/v1/batch");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.retryFor = retryFor;
        this.listener = listener;
    }

    /**
     * Sends one batch body until the intake accepts or refuses it.
     *
     * @throws IntakeException when the write key is refused (401), the answer makes no sense for an intake, or the
     *     intake stayed unavailable for {@code retryFor}
     */
    public Answer send(byte[] body) throws IntakeException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
                .build();
        long started = System.nanoTime();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            String problem;
            Duration wait = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                JsonNode answer = parse(response.body());
                String message = text(answer, "message").orElseGet(() -> snippet(response.body()));
                if (status >= 200 && status < 300) {
                    return new Accepted();
                }
                if (status == 400 || status == 413) {
                    return new Refused(status, message, text(answer, "field").orElse(null));
                }
                if (status == 401 || status == 403) {
                    throw new IntakeException("the write key is unknown or revoked (HTTP " + status + " from "
                            + batchUri + ": " + message + "). Create a source with the GraphQL mutation"
                            + " createSource(name: ...) { writeKey } and pass its key with --write-key or"
                            + " KIZUNA_WRITE_KEY");
                }
                if (status != 408 && status != 429 && status < 500) {
                    throw new IntakeException("unexpected answer HTTP " + status + " from " + batchUri + ": " + message
                            + ". Is --url the address of the Kizuna platform?");
                }
                problem = "HTTP " + status + (message.isEmpty() ? "" : " (" + message + ")");
                wait = retryAfter(response).orElse(null);
            } catch (HttpTimeoutException e) {
                problem = "no answer from " + batchUri + " within " + REQUEST_TIMEOUT.toSeconds() + " s";
            } catch (ConnectException e) {
                problem = "cannot connect to " + batchUri + " ("
                        + (e.getMessage() == null ? "connection refused" : e.getMessage())
                        + "): is the platform running?";
            } catch (IOException e) {
                problem = "the connection to " + batchUri + " failed (" + describe(e) + ")";
            }
            if (wait == null) {
                wait = jitter(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            Duration remaining = retryFor.minus(Duration.ofNanos(System.nanoTime() - started));
            if (remaining.isNegative() || remaining.isZero()) {
                throw new IntakeException("gave up after trying for " + seconds(retryFor) + " (" + problem
                        + "). Everything acknowledged so far is checkpointed: run the same command again to continue");
            }
            if (wait.compareTo(remaining) > 0) {
                wait = remaining;
            }
            listener.retrying(problem, wait);
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(IntakeClient::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration jitter(Duration d) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (d.toMillis() * factor));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode answer, String name) {
        JsonNode value = answer == null ? null : answer.get(name);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    private static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code 0.5 s}, {@code 30 s}, {@code 2 min}, {@code 2 min 30 s}. */
    public static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return ms % 1000 == 0 ? (ms / 1000) + " s" : "%.1f s".formatted(ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 120) {
            return s + " s";
        }
        return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
