package io.kizuna.infra.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Axon's {@link org.axonframework.deadline.DeadlineManager} kept in the event store's database, so deadlines
 * scheduled by aggregates survive a restart and each fires on one node only when several share the database: Axon's
 * {@link DbSchedulerDeadlineManager} on a db-scheduler {@link Scheduler} built here (db-scheduler's Spring Boot
 * starter is not used: its auto-configuration targets Boot 3). Deadlines live in the {@code scheduled_tasks} table
 * ({@link DeadlineSchema}) of the application's DataSource: the H2 file by default, PostgreSQL with the postgres
 * profile, and also with the axonserver profile, where events go to Axon Server but tokens and deadlines stay in the
 * DataSource. Each node polls the table every {@code kizuna.deadlines.polling-interval} (default 1s, see
 * {@link DeadlineProperties}).
 *
 * <p>Scheduling joins the Spring transaction of the command that schedules (the scheduler writes through a
 * {@link TransactionAwareDataSourceProxy}), so a deadline is stored only if the command's events are. A deadline is
 * handled in a transaction of its own and its row deleted afterwards: a node dying in between means the deadline fires
 * again later, so handlers should tolerate a repeat.
 *
 * <p>The scheduler is started and stopped by {@link DeadlineSchedulerLifecycle}, not by the deadline manager. Every
 * db-scheduler {@link Task} bean is registered with it, which includes the event-scheduling task Axon's
 * {@code AxonDbSchedulerAutoConfiguration} adds once a {@link Scheduler} bean exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineConfiguration {

    @Bean
    DeadlineSchema deadlineSchema(DataSource dataSource) {
        return new DeadlineSchema(dataSource);
    }

    /** Axon's task that runs a due deadline; the qualifier makes Axon's auto-configured duplicate back off. */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ObjectProvider<DbSchedulerDeadlineManager> deadlineManager) {
        return DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject);
    }

    @Bean(destroyMethod = "") // stopped by DeadlineSchedulerLifecycle, in order with Axon
    Scheduler deadlineScheduler(
            DataSource dataSource,
            DeadlineSchema schema,
            ObjectProvider<Task<?>> tasks,
            DeadlineProperties properties) {
        SchedulerBuilder builder = Scheduler.create(
                        new TransactionAwareDataSourceProxy(dataSource),
                        tasks.orderedStream().toList())
                .tableName(DeadlineSchema.TABLE)
                .pollingInterval(properties.pollingInterval())
                .shutdownMaxWait(properties.shutdownMaxWait());
        if (!schema.isPostgres()) {
            // db-scheduler does not detect H2 and warns; the H2 columns do keep the zone (DeadlineSchema)
            builder.jdbcCustomization(new DefaultJdbcCustomization(false));
        }
        return builder.build();
    }

    @Bean
    DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new DeadlineSchedulerLifecycle(deadlineScheduler);
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(
            Scheduler deadlineScheduler,
            org.axonframework.config.Configuration configuration,
            Serializer serializer,
            TransactionManager transactionManager,
            ObjectProvider<DeadlineManagerSpanFactory> spanFactory) {
        DbSchedulerDeadlineManager.Builder builder = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .useBinaryPojo(true)
                .startScheduler(false)
                .stopScheduler(false);
        spanFactory.ifAvailable(builder::spanFactory);
        return builder.build();
    }
}
