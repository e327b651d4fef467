package io.kizuna.infra.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.infra.ScratchDatabase;
import io.kizuna.infra.eventstore.EventStoreSchema;
import io.kizuna.infra.eventstore.JdbcEventStoreConfiguration;
import io.kizuna.infra.eventstore.SerializerConfiguration;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deadline scheduled by an aggregate survives a restart: a small Axon application (the event store, serializer and
 * deadline configuration of this module, and a test-only {@code Reminder} aggregate) schedules a deadline 2 s ahead,
 * is closed before it is due, and a new application on the same database (an H2 file, or a PostgreSQL database of its
 * own, dropped afterwards) hands it to the aggregate, whose {@code @DeadlineHandler} appends an event. A deadline
 * belongs to the transaction that schedules it, as the command's events do.
 */
class DeadlinePersistenceIT {

    private static final ScratchDatabase DATABASE = ScratchDatabase.named("kizuna_deadline_it_");

    @BeforeAll
    static void createDatabase() throws Exception {
        DATABASE.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DATABASE.drop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeadlineScheduledBeforeARestartFiresAfterIt(String store) throws Exception {
        Database database = database(store);
        String reminder = "reminder-" + UUID.randomUUID();
        Instant due;

        try (ConfigurableApplicationContext first = start(database)) {
            assertThat(first.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
            due = Instant.now().plusSeconds(2);
            first.getBean(CommandGateway.class).sendAndWait(new SetReminder(reminder, due));
            assertThat(database.count("SELECT COUNT(*) FROM scheduled_tasks")).isEqualTo(1);
        }
        assertThat(Instant.now())
                .as("the first application closed before the deadline")
                .isBefore(due);
        assertThat(database.eventCount(reminder, "ReminderSet")).isEqualTo(1);
        assertThat(database.eventCount(reminder, "ReminderFired")).isZero();

        try (ConfigurableApplicationContext second = start(database)) {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> database.eventCount(reminder, "ReminderFired") == 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> database.count("SELECT COUNT(*) FROM scheduled_tasks") == 0);
        }
        assertThat(database.eventCount(reminder, "ReminderFired"))
                .as("fired once")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeadlineScheduledInATransactionThatRollsBackIsNotKept(String store) throws Exception {
        Database database = database(store);
        try (ConfigurableApplicationContext app = start(database)) {
            DeadlineManager deadlines = app.getBean(DeadlineManager.class);
            String id = new TransactionTemplate(app.getBean(PlatformTransactionManager.class)).execute(transaction -> {
                String scheduled = deadlines.schedule(
                        Instant.now().plusSeconds(60),
                        "reminder-due",
                        new ReminderDue("never"),
                        new AggregateScopeDescriptor(Reminder.class.getSimpleName(), "never"));
                transaction.setRollbackOnly();
                return scheduled;
            });
            assertThat(database.count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?", id))
                    .isZero();
        }
    }

    private static Database database(String store) throws Exception {
        return store.equals("h2")
                ? new Database(
                        "jdbc:h2:file:"
                                + Files.createTempDirectory("kizuna-deadline").resolve("eventstore")
                                + ";DB_CLOSE_ON_EXIT=FALSE",
                        "sa")
                : new Database(DATABASE.url(), "postgres");
    }

    private static ConfigurableApplicationContext start(Database database) {
        return new SpringApplicationBuilder(ReminderApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        // not the platform's application.properties: only what this small application needs
                        "--spring.config.name=deadline-persistence-it",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=",
                        "--axon.axonserver.enabled=false",
                        "--axon.serializer.general=jackson3",
                        "--axon.serializer.events=jackson3",
                        "--axon.serializer.messages=jackson3",
                        "--axon.update-check.disabled=true");
    }

    /**
     * The application under test: this module's event store, serializer and deadline wiring, and the Reminder
     * aggregate. Deliberately without {@code @Configuration} or {@code @Aggregate} (both Spring components), so the
     * platform's own component scan of {@code io.kizuna} in other tests does not pick these test types up. GraphQL is
     * off: the schema on the classpath belongs to the platform, whose resolvers are not here.
     */
    @EnableAutoConfiguration(exclude = GraphQlAutoConfiguration.class)
    @Import({
        JdbcEventStoreConfiguration.class,
        EventStoreSchema.class,
        SerializerConfiguration.class,
        DeadlineConfiguration.class
    })
    static class ReminderApplication {

        @Bean
        ConfigurerModule reminderAggregate() {
            return configurer -> configurer.configureAggregate(Reminder.class);
        }
    }

    public record SetReminder(@TargetAggregateIdentifier String id, Instant dueAt) {}

    public record ReminderSet(String id, Instant dueAt) {}

    public record ReminderDue(String id) {}

    public record ReminderFired(String id) {}

    /** Schedules a deadline when set, and records that it became due when the deadline fires. */
    static class Reminder {

        @AggregateIdentifier
        private String id;

        Reminder() {}

        @CommandHandler
        Reminder(SetReminder command, DeadlineManager deadlines) {
            apply(new ReminderSet(command.id(), command.dueAt()));
            deadlines.schedule(command.dueAt(), "reminder-due", new ReminderDue(command.id()));
        }

        @EventSourcingHandler
        void on(ReminderSet event) {
            id = event.id();
        }

        @DeadlineHandler(deadlineName = "reminder-due")
        void due(ReminderDue deadline) {
            apply(new ReminderFired(deadline.id()));
        }
    }

    private record Database(String url, String user) {

        long count(String sql, String... parameters) throws Exception {
            try (Connection c = DriverManager.getConnection(url, user, "");
                    PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }

        long eventCount(String aggregate, String type) throws Exception {
            return count(
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE ?",
                    aggregate,
                    "%$" + type);
        }
    }
}
