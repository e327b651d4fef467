package io.kizuna.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.Role;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.RateLimiter;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiKeyFilterTest {

    private static final String SECRET = "kz_a-valid-looking-secret-123";
    private static final ApiKeyDetails KEY = new ApiKeyDetails("k-1", "dashboards", Role.ANALYST, Instant.EPOCH, null);

    private final ApiKeyDirectory keys = mock(ApiKeyDirectory.class);

    private MockHttpServletResponse call(ApiKeyFilter filter, String authorization, MockFilterChain chain)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    @Test
    void withoutAKeyOrWithAnUnknownOneTheAnswerIs401AskingForABearerToken() throws Exception {
        when(keys.authenticate(anyString())).thenReturn(Optional.empty());
        ApiKeyFilter filter = new ApiKeyFilter(keys, new RateLimiter(10, 10), "/graphql");

        for (String authorization : new String[] {null, "Bearer kz_unknown-key-0000000", "Basic dXNlcjo="}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = call(filter, authorization, chain);
            assertThat(response.getStatus()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getContentAsString()).contains("UNAUTHENTICATED");
            assertThat(chain.getRequest()).isNull();
        }
    }

    @Test
    void aValidKeyPassesWithItsDetailsAndOverItsRateLimitGets429WithRetryAfter() throws Exception {
        when(keys.authenticate(SECRET)).thenReturn(Optional.of(KEY));
        ApiKeyFilter filter = new ApiKeyFilter(keys, new RateLimiter(0.5, 2), "/graphql");

        for (int i = 0; i < 2; i++) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(call(filter, "Bearer " + SECRET, chain).getStatus()).isEqualTo(200);
            assertThat(chain.getRequest().getAttribute(ApiKeyFilter.ATTRIBUTE)).isEqualTo(KEY);
        }
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse limited = call(filter, "Bearer " + SECRET, chain);

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 2L);
        assertThat(limited.getContentAsString()).contains("RATE_LIMITED");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aWebSocketHandshakeWithoutHeaderIsLeftToConnectionInit() throws Exception {
        ApiKeyFilter filter = new ApiKeyFilter(keys, new RateLimiter(10, 10), "/graphql");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/graphql");
        request.addHeader("Upgrade", "websocket");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void otherPathsAreNotFiltered() throws Exception {
        ApiKeyFilter filter = new ApiKeyFilter(keys, new RateLimiter(10, 10), "/graphql");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/graphiql/index.html");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}
