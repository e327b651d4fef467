package io.kizuna.graphql.security;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.ApiKeySecrets;
import io.kizuna.command.apikey.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a GraphQL request only with a valid API key ({@code Authorization: Bearer <key>}): without one, or with an
 * unknown or revoked one, it answers HTTP 401 with {@code WWW-Authenticate: Bearer}, and a key over its rate limit
 * gets 429 with {@code Retry-After}. The key is left in the request attribute {@link #ATTRIBUTE} for the
 * {@link ApiKeyActorResolver}. What the key's role may do is decided per field, later ({@link AccessPolicy}).
 *
 * <p>A WebSocket handshake without an Authorization header is let through, because browsers cannot set one: such a
 * connection must send its key in graphql-ws's {@code connection_init} payload ({@link ApiKeyWebSocketInterceptor}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    /** The request attribute holding the request's {@link ApiKeyDetails}. */
    public static final String ATTRIBUTE = ApiKeyFilter.class.getName() + ".key";

    private final ApiKeyDirectory keys;
    private final RateLimiter rateLimiter;
    private final String path;

    public ApiKeyFilter(
            ApiKeyDirectory keys, RateLimiter rateLimiter, @Value("${spring.graphql.http.path:/graphql}") String path) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.path = path;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.equals(path) || uri.startsWith(path + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null
                && "GET".equals(request.getMethod())
                && request.getRequestURI().equals(path)
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            chain.doFilter(request, response); // a graphql-ws handshake: the key comes in connection_init
            return;
        }
        String secret = ApiKeySecrets.fromBearer(authorization);
        Optional<ApiKeyDetails> key = secret == null ? Optional.empty() : keys.authenticate(secret);
        if (key.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Kizuna\"");
            write(
                    response,
                    "UNAUTHENTICATED",
                    secret == null
                            ? "no API key: send it as 'Authorization: Bearer <key>'"
                            : "unknown or revoked API key");
            return;
        }
        Duration wait = rateLimiter.acquire("api-key:" + key.get().id());
        if (!wait.isZero()) {
            long seconds = RateLimiter.retryAfterSeconds(wait);
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            write(response, "RATE_LIMITED", "too many requests for this API key: retry after " + seconds + " s");
            return;
        }
        request.setAttribute(ATTRIBUTE, key.get());
        chain.doFilter(request, response);
    }

    private static void write(HttpServletResponse response, String code, String message) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}");
    }
}
