package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.KizunaApplication;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Time alone takes a customer out of a segment, on the whole platform: nothing happens to the customer, yet at the
 * UTC midnight its "visited today" rule stops holding it leaves, with cause {@code time}, through the real path (the
 * live process plans a recheck, the Customer schedules it as a persistent deadline, the deadline fires, the customer
 * records the recheck as due, the process evaluates it again and records the exit).
 *
 * <p>The platform runs on a clock of its own (the application's {@link Clock} bean), set to an hour before a UTC
 * midnight that has already passed in real time. So the deadline for that midnight is overdue for the deadline
 * scheduler (which keeps real time) and fires at once; until the platform's clock reaches midnight, each due recheck
 * finds the answer unchanged and plans the same recheck again, as it should. The test then moves the platform's clock
 * past midnight, and the next due recheck records the exit. (On a real deployment both clocks are one, and the
 * deadline fires at midnight itself.)
 */
@SpringBootTest(
        classes = {KizunaApplication.class, SegmentTimeExitIT.PlatformClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SegmentTimeExitIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The last UTC midnight in real time: the platform starts an hour before it. */
    private static final Instant MIDNIGHT =
            LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final MovableClock CLOCK = new MovableClock(MIDNIGHT.minus(Duration.ofHours(1)));

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("kizuna.data-dir", SegmentTimeExitIT::tempDir);
        registry.add("kizuna.elasticsearch.managed", () -> "false");
        registry.add("kizuna.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add(
                "kizuna.elasticsearch.index-prefix",
                () -> "it-time-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @TestConfiguration
    static class PlatformClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aCustomerLeavesASegmentAtTheMidnightItsRuleStopsHoldingWithoutAnyNewEvent() {
        String visit = "time_visit_" + UUID.randomUUID().toString().substring(0, 8);
        String segment = "it_today_" + UUID.randomUUID().toString().substring(0, 8);
        commands.sendAndWait(new DefineSegment(
                new SegmentDefinition(segment, "Visited today", null, "days_since(type: " + visit + ") < 1")));
        await().atMost(WAIT).until(() -> eventStore
                .readEvents(SegmentCatalog.ID)
                .asStream()
                .anyMatch(e -> e.getPayload() instanceof SegmentEvaluationFinished finished
                        && finished.segmentId().equals(segment)));

        String customerId = record(visit, CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));

        CustomerEnteredSegment entered = await().atMost(WAIT)
                .until(
                        () -> first(customerId, CustomerEnteredSegment.class, e -> e.segmentId()
                                .equals(segment)),
                        e -> e != null);
        assertThat(entered.segmentId()).isEqualTo(segment);
        assertThat(entered.causeKind()).isEqualTo("event");
        SegmentRecheckScheduled planned = await().atMost(WAIT)
                .until(() -> first(customerId, SegmentRecheckScheduled.class, e -> true), e -> e != null);
        assertThat(planned.at()).isEqualTo(MIDNIGHT);
        // the overdue deadline fires, but before midnight on the platform's clock the customer stays in
        await().atMost(WAIT).until(() -> first(customerId, SegmentRecheckDue.class, e -> true) != null);
        assertThat(first(customerId, CustomerLeftSegment.class, e -> e.segmentId()
                        .equals(segment)))
                .isNull();
        // the live process has evaluated everything so far (its own entries included), so what it evaluates after
        // the clock moves was brought by the due recheck alone
        awaitMembershipCaughtUp();

        CLOCK.set(MIDNIGHT.plusSeconds(1));

        CustomerLeftSegment left = await().atMost(WAIT)
                .until(
                        () -> first(customerId, CustomerLeftSegment.class, e -> e.segmentId()
                                .equals(segment)),
                        e -> e != null);
        assertThat(left.segmentId()).isEqualTo(segment);
        assertThat(left.causeKind()).isEqualTo("time");
        assertThat(left.causeMessageId()).isNull();
        assertThat(left.at()).isAfterOrEqualTo(MIDNIGHT);
        assertThat(left.segmentVersion()).isEqualTo(1);
    }

    private void awaitMembershipCaughtUp() {
        StreamingEventProcessor membership = processing
                .eventProcessor("segment-membership", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(WAIT).until(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            boolean caughtUp = membership.processingStatus().values().stream()
                    .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
            Thread.sleep(300);
            return caughtUp && eventStore.createHeadToken().position().orElse(-1) == head;
        });
    }

    /** Records one touchpoint through the GraphQL mutation; answers the customer's id. */
    private String record(String type, Instant occurredAt) {
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("messageId", UUID.randomUUID().toString());
        touchpoint.put("customer", Map.of("type", "crm", "value", "T-" + UUID.randomUUID()));
        touchpoint.put("type", type);
        touchpoint.put("channel", "web");
        touchpoint.put("occurredAt", occurredAt.toString());
        JsonNode response = new GraphQlClient(port).document("recordTouchpoints", "input", List.of(touchpoint));
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data")
                .get("recordTouchpoints")
                .get("customerIds")
                .get(0)
                .asString();
    }

    private <T> T first(String customerId, Class<T> type, Predicate<T> matching) {
        return eventStore
                .readEvents(customerId, 0)
                .asStream()
                .map(e -> e.getPayload())
                .filter(type::isInstance)
                .map(type::cast)
                .filter(matching)
                .findFirst()
                .orElse(null);
    }

    private static String tempDir() {
        try {
            Path dir = Files.createTempDirectory("kizuna-time-it-");
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real time shifted by an offset the test can move: the platform's "now". */
    static final class MovableClock extends Clock {

        private volatile Duration offset;

        MovableClock(Instant startAt) {
            set(startAt);
        }

        /** From now on the clock reads {@code at}, and runs on from there. */
        void set(Instant at) {
            offset = Duration.between(Instant.now(), at);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
