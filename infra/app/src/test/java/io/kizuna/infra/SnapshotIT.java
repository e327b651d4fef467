package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.DescribeCustomer;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import io.kizuna.command.intake.TouchpointIntake;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** A customer with a long history is snapshotted, and loading it from the snapshot gives the state full replay gives. */
class SnapshotIT extends PlatformIT {

    @Autowired
    TouchpointIntake intake;

    @Autowired
    CommandGateway commands;

    @Autowired
    @Qualifier("customerCache")
    Cache customerCache;

    @Autowired
    DataSource dataSource;

    private static List<IntakeMessage> batch(String userId, int round) {
        List<IntakeMessage> messages = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String messageId = userId + "-" + round + "-" + i;
            messages.add(new IntakeMessage(
                    messageId,
                    List.of(new IdentifierRef("userId", userId)),
                    new Touchpoint(messageId, "web_visit", "web", Instant.now().minusSeconds(60), null, null, Map.of()),
                    null));
        }
        return messages;
    }

    @Test
    void aCustomerLoadedFromItsSnapshotHasTheStateOfItsFullReplay() {
        String userId = "snap-" + UUID.randomUUID();
        String customerId = null;
        for (int round = 0; round < 3; round++) {
            customerId =
                    intake.submit(batch(userId, round), "batch").customerIds().get(0);
        }
        intake.submit(
                List.of(new IntakeMessage(
                        UUID.randomUUID().toString(),
                        List.of(new IdentifierRef("userId", userId)),
                        null,
                        Map.of("plan", "gold", "tier", 3))),
                "batch");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        awaitSnapshot(customerId);

        customerCache.removeAll();
        CustomerFacts fromSnapshot = commands.sendAndWait(new DescribeCustomer(customerId));
        TouchpointIntake.Outcome resentFromSnapshot = intake.submit(batch(userId, 0), "batch");
        TouchpointIntake.Outcome sameTraits = intake.submit(
                List.of(new IntakeMessage(
                        UUID.randomUUID().toString(),
                        List.of(new IdentifierRef("userId", userId)),
                        null,
                        Map.of("plan", "gold", "tier", 3))),
                "batch");

        jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", customerId);
        customerCache.removeAll();
        CustomerFacts fromFullReplay = commands.sendAndWait(new DescribeCustomer(customerId));

        assertThat(fromSnapshot).isEqualTo(fromFullReplay);
        assertThat(resentFromSnapshot.accepted()).isZero();
        assertThat(resentFromSnapshot.duplicates()).isEqualTo(25);
        assertThat(sameTraits.accepted()).isEqualTo(1);
        byte[] lastPayload = jdbc.queryForList(
                        // the customer's last trait change: background segment rechecks may be appended after it
                        "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?"
                                + " ORDER BY sequenceNumber DESC",
                        byte[].class,
                        customerId,
                        io.kizuna.api.customer.TraitsChanged.class.getName())
                .get(0);
        assertThat(new String(lastPayload, java.nio.charset.StandardCharsets.UTF_8))
                .as("traits restored from the snapshot: setting the same values changes nothing")
                .contains("\"set\":{}");
    }

    @Test
    void consentRestoredFromASnapshotKeepsARepeatFromBeingRecorded() {
        String userId = "snap-consent-" + UUID.randomUUID();
        String customerId = intake.submit(List.of(consent(userId, "analytics", true)), "batch")
                .customerIds()
                .get(0);
        for (int round = 0; round < 2; round++) {
            intake.submit(batch(userId, round), "batch");
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        awaitSnapshot(customerId);

        customerCache.removeAll();
        intake.submit(List.of(consent(userId, "analytics", true)), "batch");
        intake.submit(List.of(consent(userId, "analytics", false)), "batch");

        assertThat(jdbc.queryForList(
                        "SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                                + " AND payloadType LIKE 'io.kizuna.api.consent.%' ORDER BY sequenceNumber",
                        String.class, customerId))
                .containsExactly("io.kizuna.api.consent.ConsentGiven", "io.kizuna.api.consent.ConsentWithdrawn");
    }

    private static IntakeMessage consent(String userId, String purpose, boolean granted) {
        String messageId = UUID.randomUUID().toString();
        return new IntakeMessage(
                messageId,
                List.of(new IdentifierRef("userId", userId)),
                null,
                null,
                List.of(new ConsentChange(purpose, null, granted, Instant.now(), messageId)));
    }

    @Test
    void aSnapshottedCustomerAbsorbedByAnotherBringsItsWholeHistory() {
        String anonymousId = "anon-" + UUID.randomUUID();
        String userId = "user-" + UUID.randomUUID();
        List<IntakeMessage> visits = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String messageId = anonymousId + "-" + i;
            visits.add(new IntakeMessage(
                    messageId,
                    List.of(new IdentifierRef("anonymousId", anonymousId)),
                    new Touchpoint(
                            messageId, "web_visit", "web", Instant.now().minusSeconds(600), null, null, Map.of()),
                    null));
        }
        String absorbed = intake.submit(visits, "batch").customerIds().get(0);
        awaitSnapshot(absorbed);
        intake.submit(
                List.of(new IntakeMessage(
                        UUID.randomUUID().toString(),
                        List.of(new IdentifierRef("userId", userId)),
                        null,
                        Map.of("plan", "gold"))),
                "batch");

        TouchpointIntake.Outcome tie = intake.submit(
                List.of(new IntakeMessage(
                        UUID.randomUUID().toString(),
                        List.of(new IdentifierRef("userId", userId), new IdentifierRef("anonymousId", anonymousId)),
                        null,
                        Map.of())),
                "batch");

        var survivor = graphql()
                .document(
                        "customerByIdentifier",
                        "type",
                        "userId",
                        "value",
                        userId,
                        "token",
                        tie.consistencyToken().encode())
                .get("data")
                .get("customerByIdentifier");
        assertThat(survivor.get("touchpointCount").asInt()).isEqualTo(45);
    }

    /** Snapshots are taken on a thread of their own after the command: wait until the customer's is stored. */
    private void awaitSnapshot(String customerId) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                                Long.class,
                                customerId),
                        count -> count > 0);
    }
}
