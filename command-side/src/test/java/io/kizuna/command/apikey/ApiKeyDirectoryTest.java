package io.kizuna.command.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.apikey.ApiKeyCreated;
import io.kizuna.api.apikey.ApiKeyRevoked;
import io.kizuna.api.apikey.CreateApiKey;
import io.kizuna.api.apikey.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class ApiKeyDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String SECRET = "kz_a-secret-for-directory-tests";

    private final EventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final AtomicLong sequence = new AtomicLong();
    private final ApiKeyDirectory directory =
            new ApiKeyDirectory(events, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10));

    private void store(Object event) {
        events.publish(new GenericDomainEventMessage<>(
                "ApiKeyCatalog", CreateApiKey.CATALOG, sequence.getAndIncrement(), event));
    }

    @Test
    void aKeyIsFoundByItsSecretAndItsUseNoted() {
        store(new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, ApiKeySecrets.hash(SECRET), NOW));

        assertThat(directory.authenticate(SECRET)).hasValueSatisfying(key -> {
            assertThat(key.id()).isEqualTo("k-1");
            assertThat(key.role()).isEqualTo(Role.INTEGRATOR);
        });
        assertThat(directory.lastUsedAt("k-1")).isEqualTo(NOW);
        assertThat(directory.authenticate("kz_some-other-secret-0000")).isEmpty();
        assertThat(directory.authenticate(" " + SECRET)).isEmpty();
    }

    @Test
    void aKeyCreatedElsewhereIsFoundAtItsFirstUseAndARevokedOneIsRefusedAfterAReload() {
        assertThat(directory.authenticate("kz_not-there-yet-000000")).isEmpty(); // reads the empty catalog
        store(new ApiKeyCreated("k-1", "crm-sync", Role.INTEGRATOR, ApiKeySecrets.hash(SECRET), NOW));
        ApiKeyDirectory fresh = new ApiKeyDirectory(events, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10));

        assertThat(fresh.authenticate(SECRET)).isPresent();
        store(new ApiKeyRevoked("k-1", NOW));
        fresh.reload();

        assertThat(fresh.authenticate(SECRET)).isEmpty();
        assertThat(fresh.all()).singleElement().satisfies(key -> assertThat(key.revoked())
                .isTrue());
    }
}
