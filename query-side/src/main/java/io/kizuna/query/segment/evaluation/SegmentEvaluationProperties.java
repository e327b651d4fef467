package io.kizuna.query.segment.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How new and changed segments are evaluated over every customer in the background.
 *
 * @param pollInterval {@code kizuna.segments.evaluation.poll-interval} (default 2s): how often a node looks in the
 *     segment catalog for versions not evaluated yet (defined on any node)
 * @param concurrency {@code kizuna.segments.evaluation.concurrency} (default 8): membership commands in flight
 * @param pageSize {@code kizuna.segments.evaluation.page-size} (default 500): customers read from the profile view
 *     per page
 * @param progressLogInterval {@code kizuna.segments.evaluation.progress-log-interval} (default 5s): how often a
 *     running evaluation logs its progress
 * @param retryAfter {@code kizuna.segments.evaluation.retry-after} (default 1m): a failed evaluation starts again
 *     after this long
 * @param viewWait {@code kizuna.segments.evaluation.view-wait} (default 60s): how long an evaluation waits for the
 *     profile view to show every event stored before it started (it scans the view anyway after that)
 */
@ConfigurationProperties("kizuna.segments.evaluation")
public record SegmentEvaluationProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("8") int concurrency,
        @DefaultValue("500") int pageSize,
        @DefaultValue("5s") Duration progressLogInterval,
        @DefaultValue("1m") Duration retryAfter,
        @DefaultValue("60s") Duration viewWait) {

    private static final String PREFIX = "kizuna.segments.evaluation.";

    public SegmentEvaluationProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + "concurrency must be at least 1: " + concurrency);
        }
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException(PREFIX + "page-size must be 1 to 10,000: " + pageSize);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(PREFIX + "poll-interval must be positive: " + pollInterval);
        }
    }
}
