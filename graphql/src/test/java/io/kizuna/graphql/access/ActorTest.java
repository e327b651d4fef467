package io.kizuna.graphql.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.graphql.security.ApiKeyActorResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

class ActorTest {

    @Test
    void anAnonymousCallerIsNamedByItsAddressWithoutPort() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 51234);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443);

        assertThat(Actor.anonymous(v4).name()).isEqualTo("anonymous@192.0.2.10");
        assertThat(Actor.anonymous(v6).name()).isEqualTo("anonymous@2001:db8:0:0:0:0:0:1");
        assertThat(Actor.anonymous(null)).isEqualTo(Actor.UNKNOWN);
    }

    @Test
    void aCallerWithoutKeyIsAnonymousWhateverItsHeadersClaim() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", "203.0.113.99");
        headers.add("Forwarded", "for=203.0.113.99");
        headers.add("X-Real-IP", "203.0.113.99");
        WebGraphQlRequest request = new WebGraphQlRequest(
                URI.create("http://localhost/graphql"),
                headers,
                new LinkedMultiValueMap<>(),
                new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40000),
                Map.of(),
                Map.of("query", "{ auditLog { totalCount } }"),
                "1",
                Locale.ROOT);

        Actor actor = new ApiKeyActorResolver(Mockito.mock(ApiKeyDirectory.class)).resolve(request);

        assertThat(actor.name()).isEqualTo("anonymous@198.51.100.7");
        assertThat(actor.role()).isNull();
    }
}
