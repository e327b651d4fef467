package io.kizuna.command.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceRevoked;
import io.kizuna.api.source.WriteKeyIssued;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory over a real (in-memory) Axon event store. */
class WriteKeyDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final WriteKeyDirectory directory = new WriteKeyDirectory(events, Duration.ofMinutes(10), 100);

    @AfterEach
    void shutDown() {
        events.shutDown();
    }

    private static void append(EventStore store, String type, String aggregateId, long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload));
    }

    private String createSource(String sourceId) {
        String key = WriteKeys.generate();
        String hash = WriteKeys.hash(key);
        append(events, "WriteKey", hash, 0, new WriteKeyIssued(hash, sourceId, NOW));
        append(events, "Source", sourceId, 0, new SourceCreated(sourceId, "web", hash, NOW));
        return key;
    }

    @Test
    void anIssuedKeyOfALiveSourceNamesItsSource() {
        String key = createSource("source-1");
        assertThat(directory.activeSourceOf(key)).contains("source-1");
    }

    @Test
    void unknownAndImplausibleKeysNameNoSource() {
        assertThat(directory.activeSourceOf(WriteKeys.generate())).isEmpty();
        assertThat(directory.activeSourceOf("")).isEmpty();
        assertThat(directory.activeSourceOf(null)).isEmpty();
    }

    @Test
    void aKeyWhoseSourceWasNeverCreatedNamesNoSource() {
        String key = WriteKeys.generate();
        append(events, "WriteKey", WriteKeys.hash(key), 0, new WriteKeyIssued(WriteKeys.hash(key), "lost", NOW));
        assertThat(directory.activeSourceOf(key)).isEmpty();
    }

    @Test
    void aRevokedSourcesKeyIsRefusedOnceTheCacheForgetsIt() {
        String key = createSource("source-2");
        assertThat(directory.activeSourceOf(key)).contains("source-2");

        append(events, "Source", "source-2", 1, new SourceRevoked("source-2", NOW));
        assertThat(directory.activeSourceOf(key)).as("cached until forgotten").contains("source-2");

        directory.forgetSource("source-2");
        assertThat(directory.activeSourceOf(key)).isEmpty();
    }
}
