package io.kizuna.command.source.aggregate;

import io.kizuna.api.source.CreateSource;
import io.kizuna.api.source.IssueWriteKey;
import io.kizuna.api.source.RevokeSource;
import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceDetails;
import io.kizuna.api.source.SourceRevoked;
import io.kizuna.api.source.WriteKeyIssued;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String ID = "7c1d2a5e-0b7f-4f55-9a55-3c1f2e9e8b10";
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<Source> sources;
    private FixtureConfiguration<WriteKey> writeKeys;

    @BeforeEach
    void setUp() {
        sources = new AggregateTestFixture<>(Source.class);
        sources.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        writeKeys = new AggregateTestFixture<>(WriteKey.class);
        writeKeys.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSourceIsCreatedWithTheHashOfItsKey() {
        sources.givenNoPriorActivity()
                .when(new CreateSource(ID, "web", HASH))
                .expectEvents(new SourceCreated(ID, "web", HASH, NOW));
    }

    @Test
    void revokingAnswersWithTheRevokedSource() {
        sources.given(new SourceCreated(ID, "web", HASH, CREATED))
                .when(new RevokeSource(ID))
                .expectEvents(new SourceRevoked(ID, NOW))
                .expectResultMessagePayload(new SourceDetails(ID, "web", CREATED, NOW));
    }

    @Test
    void revokingTwiceChangesNothing() {
        Instant earlier = Instant.parse("2026-11-01T09:30:00Z");
        sources.given(new SourceCreated(ID, "web", HASH, CREATED), new SourceRevoked(ID, earlier))
                .when(new RevokeSource(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new SourceDetails(ID, "web", CREATED, earlier));
    }

    @Test
    void aWriteKeyIsIssuedToItsSource() {
        writeKeys
                .givenNoPriorActivity()
                .when(new IssueWriteKey(HASH, ID))
                .expectEvents(new WriteKeyIssued(HASH, ID, NOW));
    }
}
