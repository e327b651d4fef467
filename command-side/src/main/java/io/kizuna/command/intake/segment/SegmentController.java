package io.kizuna.command.intake.segment;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.Role;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.ApiKeySecrets;
import io.kizuna.command.apikey.RateLimiter;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.TouchpointIntake;
import io.kizuna.command.source.WriteKeyDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment's HTTP Tracking API ({@code /v1/track}, {@code identify}, {@code page}, {@code screen}, {@code group},
 * {@code alias}, {@code batch}, {@code import}), so that Segment libraries send to Kizuna by changing one URL.
 * Answers {@code 200 {"success":true}} only once every message is stored or recognised as a duplicate, so a client
 * that got no answer can safely send again; 400 names the field at fault, 401 a missing, unknown or revoked write
 * key, 429 (with Retry-After) more than {@code kizuna.intake.http.max-concurrent-requests} requests at once or a key
 * over its rate limit. Besides a source's write key (HTTP Basic or in the body), an API key with the INTEGRATOR or
 * ADMIN role may write ({@code Authorization: Bearer}); another role gets 403.
 */
@RestController
public class SegmentController {

    private static final Logger log = LoggerFactory.getLogger(SegmentController.class);
    private static final Pattern INTAKE_FIELD = Pattern.compile("^\\[(\\d+)](?:\\.(.*))?$");
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final TouchpointIntake intake;
    private final WriteKeyDirectory writeKeys;
    private final ApiKeyDirectory apiKeys;
    private final RateLimiter rateLimiter;
    private final SegmentMapper mapper;
    private final HttpIntakeProperties limits;
    private final Clock clock;
    private final int submitSize;
    private final Semaphore inFlight;

    public SegmentController(
            TouchpointIntake intake,
            WriteKeyDirectory writeKeys,
            ApiKeyDirectory apiKeys,
            RateLimiter rateLimiter,
            SegmentIntakeProperties segment,
            HttpIntakeProperties limits,
            Clock clock,
            @Value("${kizuna.intake.max-batch-size:1000}") int submitSize) {
        this.intake = intake;
        this.writeKeys = writeKeys;
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
        this.mapper = new SegmentMapper(new EventTypes(segment.eventTypes()), segment.defaultChannel(), JSON);
        this.limits = limits;
        this.clock = clock;
        this.submitSize = submitSize;
        this.inFlight = new Semaphore(limits.maxConcurrentRequests());
    }

    /** A single call; the path names its type. */
    @PostMapping("/v1/{call:track|identify|page|screen|group|alias}")
    public ResponseEntity<Map<String, Object>> call(@PathVariable String call, HttpServletRequest request) {
        return handle(call, request);
    }

    /** {@code /v1/import/} with the slash is where the official Java library posts its batches. */
    @PostMapping({"/v1/batch", "/v1/import", "/v1/import/"})
    public ResponseEntity<Map<String, Object>> batch(HttpServletRequest request) {
        return handle(null, request);
    }

    private ResponseEntity<Map<String, Object>> handle(String type, HttpServletRequest request) {
        if (!inFlight.tryAcquire()) {
            long seconds = Math.max(1, (limits.retryAfter().toMillis() + 999) / 1000);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(failure("too many requests at once: retry after " + seconds + " s", null));
        }
        try {
            Instant receivedAt = clock.instant();
            long maxBytes = type == null
                    ? limits.maxBatchSize().toBytes()
                    : limits.maxMessageSize().toBytes();
            String bearer = ApiKeySecrets.fromBearer(request.getHeader(HttpHeaders.AUTHORIZATION));
            ApiKeyDetails apiKey = bearer == null ? null : authenticateApiKey(bearer);
            byte[] body = readBody(request, maxBytes);
            List<SegmentCall> calls = SegmentRequest.parse(type, body, basicWriteKey(request), limits, JSON);
            List<String> sources =
                    apiKey != null ? Collections.nCopies(calls.size(), "api-key:" + apiKey.id()) : authenticate(calls);
            List<SegmentMapper.Mapped> mapped = map(calls, sources, receivedAt);
            // one request id for every part of the request: it names the request in the stored events' metadata
            submit(calls, mapped, sources, UUID.randomUUID().toString());
            return ResponseEntity.ok(Map.of("success", true));
        } catch (Refused e) {
            ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status);
            if (e.status == HttpStatus.UNAUTHORIZED) {
                response.header(
                        HttpHeaders.WWW_AUTHENTICATE,
                        e.bearer ? "Bearer realm=\"Kizuna\"" : "Basic realm=\"Kizuna intake\"");
            }
            if (e.retryAfterSeconds > 0) {
                response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
            }
            return response.body(failure(e.getMessage(), null));
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof InvalidInputException invalid) {
                return badRequest(invalid);
            }
            String reference = UUID.randomUUID().toString();
            log.error("Segment intake failed (reference {})", reference, cause);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(failure("internal error; quote reference " + reference + " to support", null));
        } finally {
            inFlight.release();
        }
    }

    /** The body as sent, gzip decoded, refused when larger than {@code maxBytes}. */
    private static byte[] readBody(HttpServletRequest request, long maxBytes) {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"));
        if (encoding != null && !gzip && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            throw new Refused(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding + " is not supported: send gzip or an uncompressed body");
        }
        if (!gzip && request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (ZipException e) {
            throw new InvalidInputException("", "the request body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("", "could not read the request body: " + e.getMessage());
        }
    }

    private static InvalidInputException tooLarge(long maxBytes) {
        return new InvalidInputException(
                "",
                "the request body is larger than " + (maxBytes / 1024) + " KB"
                        + " (Segment's limits: 32 KB per message, 500 KB per batch): send smaller batches");
    }

    /** The user name of HTTP Basic authentication (Segment's way: the write key, with an empty password). */
    static String basicWriteKey(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isBlank() ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * An API key sent as {@code Authorization: Bearer}: accepted on the intake with the INTEGRATOR or ADMIN role
     * (401 unknown or revoked, 403 another role), within its rate limit (429).
     */
    private ApiKeyDetails authenticateApiKey(String secret) {
        ApiKeyDetails key = apiKeys.authenticate(secret)
                .orElseThrow(() -> new Refused(HttpStatus.UNAUTHORIZED, "unknown or revoked API key", true, 0));
        if (key.role() != Role.INTEGRATOR && key.role() != Role.ADMIN) {
            throw new Refused(
                    HttpStatus.FORBIDDEN,
                    "the " + key.role() + " role may not write to the intake: use an INTEGRATOR key",
                    true,
                    0);
        }
        limit("api-key:" + key.id());
        return key;
    }

    /** Takes one request from the caller's rate limit, or refuses with 429 and when to retry. */
    private void limit(String caller) {
        Duration wait = rateLimiter.acquire(caller);
        if (!wait.isZero()) {
            long seconds = RateLimiter.retryAfterSeconds(wait);
            throw new Refused(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too many requests for this key: retry after " + seconds + " s",
                    false,
                    seconds);
        }
    }

    /** The source of every call; any call without an active source's key refuses the whole request. */
    private List<String> authenticate(List<SegmentCall> calls) {
        Map<String, Optional<String>> byKey = new HashMap<>();
        List<String> sources = new ArrayList<>(calls.size());
        for (SegmentCall call : calls) {
            if (call.writeKey() == null) {
                throw new Refused(
                        HttpStatus.UNAUTHORIZED,
                        "no write key: send it as the HTTP Basic user name (empty password) or as writeKey in the body");
            }
            Optional<String> source = byKey.computeIfAbsent(call.writeKey(), writeKeys::activeSourceOf);
            if (source.isEmpty()) {
                throw new Refused(HttpStatus.UNAUTHORIZED, "unknown or revoked write key");
            }
            sources.add(source.get());
        }
        for (String source : new java.util.LinkedHashSet<>(sources)) {
            limit("source:" + source);
        }
        return sources;
    }

    /** Every call mapped, or every call's violations at once. */
    private List<SegmentMapper.Mapped> map(List<SegmentCall> calls, List<String> sources, Instant at) {
        List<SegmentMapper.Mapped> mapped = new ArrayList<>(calls.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                mapped.add(mapper.map(calls.get(i), sources.get(i), at));
            } catch (InvalidInputException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return mapped;
    }

    /**
     * Hands the messages to the intake, at most {@code kizuna.intake.max-batch-size} at a time. Each part is
     * validated whole before anything of it is stored; a later part's refusal leaves the earlier parts stored, which
     * is harmless because a corrected resend deduplicates them by messageId. The source (when every message of a part
     * has the same one, the usual case) is recorded as the cause of any merge the part makes.
     */
    private void submit(
            List<SegmentCall> calls, List<SegmentMapper.Mapped> mapped, List<String> sources, String requestId) {
        for (int start = 0; start < mapped.size(); start += submitSize) {
            int end = Math.min(mapped.size(), start + submitSize);
            List<IntakeMessage> part = mapped.subList(start, end).stream()
                    .map(SegmentMapper.Mapped::message)
                    .toList();
            List<String> partSources = sources.subList(start, end);
            String source = partSources.stream().distinct().count() == 1 ? partSources.get(0) : null;
            try {
                intake.submit(part, "", source, requestId);
            } catch (InvalidInputException e) {
                throw inSegmentTerms(e, calls, mapped, start);
            }
        }
    }

    /** The intake names fields of its messages ({@code [3].identifiers[1].value}); the client knows its own. */
    private static InvalidInputException inSegmentTerms(
            InvalidInputException e, List<SegmentCall> calls, List<SegmentMapper.Mapped> mapped, int offset) {
        List<Violation> renamed = new ArrayList<>(e.violations().size());
        for (Violation v : e.violations()) {
            Matcher m = v.field() == null ? null : INTAKE_FIELD.matcher(v.field());
            if (m == null || !m.matches()) {
                renamed.add(v);
                continue;
            }
            int index = offset + Integer.parseInt(m.group(1));
            if (index >= calls.size()) {
                renamed.add(v);
                continue;
            }
            String rest = m.group(2) == null ? "" : m.group(2);
            String field = rest.isEmpty() ? "" : mapped.get(index).segmentField(rest);
            renamed.add(new Violation(calls.get(index).field(field), v.message()));
        }
        return new InvalidInputException(renamed);
    }

    private static ResponseEntity<Map<String, Object>> badRequest(InvalidInputException e) {
        List<Violation> violations = e.violations();
        Violation first = violations.isEmpty() ? new Violation("", e.getMessage()) : violations.get(0);
        String message = first.message();
        if (violations.size() > 1) {
            message += " (and " + (violations.size() - 1) + " more)";
        }
        String field = first.field() == null || first.field().isEmpty() ? null : first.field();
        return ResponseEntity.badRequest().body(failure(message, field));
    }

    private static Map<String, Object> failure(String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof CommandExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** A request refused before its messages are read: 401, 403, 415, 429. */
    private static final class Refused extends RuntimeException {
        final HttpStatus status;
        /** Whether the refused credential was an API key (401 then asks for a Bearer token). */
        final boolean bearer;

        final long retryAfterSeconds;

        Refused(HttpStatus status, String message) {
            this(status, message, false, 0);
        }

        Refused(HttpStatus status, String message, boolean bearer, long retryAfterSeconds) {
            super(message, null, false, false);
            this.status = status;
            this.bearer = bearer;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
