package io.kizuna.command.identity;

import io.kizuna.api.identity.ClaimIdentifier;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.IdentifierReleased;
import io.kizuna.api.identity.ReleaseClaim;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentifierClaimReleaseTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private FixtureConfiguration<IdentifierClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdentifierClaim.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aForgottenOwnerReleasesTheIdentifier() {
        fixture.given(
                        new IdentifierClaimed("c", "email", "absorbed", NOW),
                        new IdentifierReassigned("c", "absorbed", "survivor", NOW))
                .when(new ReleaseClaim("c", Set.of("survivor", "absorbed")))
                .expectEvents(new IdentifierReleased("c", "survivor", NOW))
                .expectResultMessagePayload(null);
    }

    @Test
    void aClaimOfSomeoneElseIsNotReleased() {
        fixture.given(new IdentifierClaimed("c", "email", "other", NOW))
                .when(new ReleaseClaim("c", Set.of("forgotten")))
                .expectNoEvents()
                .expectResultMessagePayload("other");
    }

    @Test
    void releasingTwiceChangesNothing() {
        fixture.given(
                        new IdentifierClaimed("c", "email", "forgotten", NOW),
                        new IdentifierReleased("c", "forgotten", NOW))
                .when(new ReleaseClaim("c", Set.of("forgotten")))
                .expectNoEvents();
    }

    @Test
    void aReleasedIdentifierGoesToTheNextCustomerThatNamesIt() {
        fixture.given(
                        new IdentifierClaimed("c", "email", "forgotten", NOW),
                        new IdentifierReleased("c", "forgotten", NOW))
                .when(new ClaimIdentifier("c", "email", "newcomer"))
                .expectEvents(new IdentifierClaimed("c", "email", "newcomer", NOW))
                .expectResultMessagePayload("newcomer");
    }
}
