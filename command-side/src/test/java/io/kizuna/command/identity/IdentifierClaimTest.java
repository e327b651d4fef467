package io.kizuna.command.identity;

import io.kizuna.api.identity.ClaimIdentifier;
import io.kizuna.api.identity.IdentifierClaimed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentifierClaimTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String CLAIM = "a3f1c0ffee";
    private FixtureConfiguration<IdentifierClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdentifierClaim.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void unclaimedIdentifierGoesToTheCandidate() {
        fixture.givenNoPriorActivity()
                .when(new ClaimIdentifier(CLAIM, "crm", "customer-1"))
                .expectEvents(new IdentifierClaimed(CLAIM, "crm", "customer-1", NOW))
                .expectResultMessagePayload("customer-1");
    }

    @Test
    void claimedIdentifierKeepsItsOwner() {
        fixture.given(new IdentifierClaimed(CLAIM, "crm", "customer-1", NOW))
                .when(new ClaimIdentifier(CLAIM, "crm", "customer-2"))
                .expectNoEvents()
                .expectResultMessagePayload("customer-1");
    }
}
