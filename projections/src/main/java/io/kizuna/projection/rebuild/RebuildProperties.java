package io.kizuna.projection.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How view rebuilds run.
 *
 * @param batchSize {@code kizuna.views.rebuild.batch-size} (default 500): events read from the event store and written
 *     to the new indices per batch (one bulk per view and batch)
 * @param progressLogInterval {@code kizuna.views.rebuild.progress-log-interval} (default 5s): how often a running
 *     rebuild logs its progress
 * @param pauseMaxWait {@code kizuna.views.rebuild.pause-max-wait} (default 30s): how long the rebuild waits for live
 *     view writes under way to finish before it writes the last events and swaps the aliases (live writes then wait
 *     for the swap, well under a second); the rebuild fails if they do not
 * @param dropDelay {@code kizuna.views.rebuild.drop-delay} (default 2s): how long the old indices stay after the
 *     swap, so that reads which resolved the alias just before it can finish
 */
@ConfigurationProperties("kizuna.views.rebuild")
public record RebuildProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("5s") Duration progressLogInterval,
        @DefaultValue("30s") Duration pauseMaxWait,
        @DefaultValue("2s") Duration dropDelay) {

    public RebuildProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("kizuna.views.rebuild.batch-size must be at least 1: " + batchSize);
        }
    }
}
