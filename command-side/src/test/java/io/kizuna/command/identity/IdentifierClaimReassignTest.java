package io.kizuna.command.identity;

import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.ReassignClaim;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentifierClaimReassignTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private FixtureConfiguration<IdentifierClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdentifierClaim.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aMergeMovesTheIdentifierToTheSurvivor() {
        fixture.given(new IdentifierClaimed("c", "anonymousId", "absorbed", NOW))
                .when(new ReassignClaim("c", "absorbed", "survivor"))
                .expectEvents(new IdentifierReassigned("c", "absorbed", "survivor", NOW))
                .expectResultMessagePayload("survivor");
    }

    @Test
    void aStaleReassignmentChangesNothing() {
        fixture.given(
                        new IdentifierClaimed("c", "anonymousId", "absorbed", NOW),
                        new IdentifierReassigned("c", "absorbed", "survivor", NOW))
                .when(new ReassignClaim("c", "absorbed", "someone-else"))
                .expectNoEvents()
                .expectResultMessagePayload("survivor");
    }
}
