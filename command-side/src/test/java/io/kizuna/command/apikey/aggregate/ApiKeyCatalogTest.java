package io.kizuna.command.apikey.aggregate;

import io.kizuna.api.apikey.ApiKeyCreated;
import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.ApiKeyRevoked;
import io.kizuna.api.apikey.CreateApiKey;
import io.kizuna.api.apikey.RevokeApiKey;
import io.kizuna.api.apikey.Role;
import io.kizuna.api.apikey.UnknownApiKeyException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyCatalogTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<ApiKeyCatalog> catalog;

    @BeforeEach
    void setUp() {
        catalog = new AggregateTestFixture<>(ApiKeyCatalog.class);
        catalog.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aKeyIsCreatedWithTheHashOfItsSecretOnly() {
        catalog.givenNoPriorActivity()
                .when(new CreateApiKey("k-1", "crm-sync", Role.INTEGRATOR, HASH))
                .expectEvents(new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, HASH, NOW))
                .expectResultMessagePayload(new ApiKeyDetails("k-1", "crm-sync", Role.INTEGRATOR, NOW, null));
    }

    @Test
    void aSecondKeyWithTheSameHashIsTheFirstOneAgain() {
        catalog.given(new ApiKeyCreated("k-1", "bootstrap-admin", Role.ADMIN, HASH, CREATED))
                .when(new CreateApiKey("k-2", "bootstrap-admin", Role.ADMIN, HASH))
                .expectNoEvents()
                .expectResultMessagePayload(new ApiKeyDetails("k-1", "bootstrap-admin", Role.ADMIN, CREATED, null));
    }

    @Test
    void revokingIsFinalAndRevokingAgainChangesNothing() {
        catalog.given(new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, HASH, CREATED))
                .when(new RevokeApiKey("k-1"))
                .expectEvents(new ApiKeyRevoked("k-1", NOW));
        catalog.given(
                        new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, HASH, CREATED),
                        new ApiKeyRevoked("k-1", CREATED))
                .when(new RevokeApiKey("k-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new ApiKeyDetails("k-1", "crm-sync", Role.INTEGRATOR, CREATED, CREATED));
    }

    @Test
    void aRevokedBootstrapKeyIsNotRevivedByTheNextStart() {
        catalog.given(
                        new ApiKeyCreated("k-1", "bootstrap-admin", Role.ADMIN, HASH, CREATED),
                        new ApiKeyRevoked("k-1", CREATED))
                .when(new CreateApiKey("k-9", "bootstrap-admin", Role.ADMIN, HASH))
                .expectNoEvents();
    }

    @Test
    void revokingAnUnknownKeyIsRefused() {
        catalog.given(new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, HASH, CREATED))
                .when(new RevokeApiKey("k-404"))
                .expectException(UnknownApiKeyException.class);
    }
}
