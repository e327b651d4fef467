package io.kizuna.command.access;

import io.kizuna.api.access.HistoryAccessed;
import io.kizuna.api.access.RecordAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessRecordTest {

    private static final String ACCESS = "0b5e8f4e-4a34-4c1c-9d53-1f3a9f7e2c11";
    private static final String CUSTOMER = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Instant AT = Instant.parse("2026-11-01T10:00:00.123456Z");

    private FixtureConfiguration<AccessRecord> records;

    @BeforeEach
    void setUp() {
        records = new AggregateTestFixture<>(AccessRecord.class);
    }

    @Test
    void aReadIsRecordedAsOneEventWithWhoWhenWhatAndHowItWent() {
        Map<String, Object> arguments = Map.of("id", CUSTOMER, "types", List.of("TouchpointRecorded"));
        records.givenNoPriorActivity()
                .when(new RecordAccess(
                        ACCESS, "anonymous@127.0.0.1", "customerHistory", CUSTOMER, arguments, HistoryAccessed.OK, AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new HistoryAccessed(
                        ACCESS, "anonymous@127.0.0.1", "customerHistory", CUSTOMER, arguments, HistoryAccessed.OK, AT));
    }

    @Test
    void aFailedReadWithoutCustomerOrArgumentsIsRecordedToo() {
        records.givenNoPriorActivity()
                .when(new RecordAccess(
                        ACCESS, "anonymous@10.0.0.7", "verifyAllHistories", null, null, HistoryAccessed.ERROR, AT))
                .expectEvents(new HistoryAccessed(
                        ACCESS, "anonymous@10.0.0.7", "verifyAllHistories", null, Map.of(), HistoryAccessed.ERROR, AT));
    }

    @Test
    void aRecordWithoutActorIsRefused() {
        records.givenNoPriorActivity()
                .when(new RecordAccess(ACCESS, " ", "customerHistory", CUSTOMER, Map.of(), HistoryAccessed.OK, AT))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void anOutcomeOtherThanOkOrErrorIsRefused() {
        records.givenNoPriorActivity()
                .when(new RecordAccess(ACCESS, "anonymous@127.0.0.1", "auditLog", null, Map.of(), "maybe", AT))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
