package io.kizuna.graphql.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Mono;

class RequestTimeoutInterceptorTest {

    @Test
    void aRequestRunningTooLongIsAnsweredWithTimeout() {
        WebGraphQlRequest request = new WebGraphQlRequest(
                URI.create("http://localhost/graphql"),
                new HttpHeaders(),
                new LinkedMultiValueMap<>(),
                null,
                Map.of(),
                Map.of("query", "{ customers { totalCount } }"),
                "1",
                Locale.ROOT);

        WebGraphQlResponse response = new RequestTimeoutInterceptor(Duration.ofMillis(50))
                .intercept(request, r -> Mono.never())
                .block(Duration.ofSeconds(5));

        assertThat(response.getErrors()).hasSize(1);
        assertThat(response.getErrors().get(0).getExtensions()).containsEntry("code", "TIMEOUT");
        assertThat(response.getErrors().get(0).getMessage()).doesNotContain("Exception");
    }
}
