package io.kizuna.infra.deadline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the persistent deadline scheduler runs on each node.
 *
 * @param pollingInterval {@code kizuna.deadlines.polling-interval} (default 1s): how often each node looks for due
 *     deadlines in the {@code scheduled_tasks} table, so a deadline fires at most about this late
 * @param shutdownMaxWait {@code kizuna.deadlines.shutdown-max-wait} (default 10s): how long shutdown waits for
 *     deadline handlers that are running (db-scheduler waits up to this long for each of its two executors); a
 *     deadline whose handler is cut off stays in the table and fires again later
 */
@ConfigurationProperties("kizuna.deadlines")
public record DeadlineProperties(
        @DefaultValue("1s") Duration pollingInterval, @DefaultValue("10s") Duration shutdownMaxWait) {}
