package io.kizuna.query.segment.membership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the live segment membership process runs on each node (its processor's batch size and threads are
 * {@code axon.eventhandling.processors.segment-membership.*}, defaults in kizuna-segment-membership.properties).
 *
 * @param viewWait {@code kizuna.segments.membership.view-wait} (default 10s): how long an evaluation waits for the
 *     profile view to show the events that caused it; after that it evaluates what the view shows, with a warning
 * @param concurrency {@code kizuna.segments.membership.concurrency} (default 2): how many customers' outcomes of one
 *     batch are recorded at the same time; each takes a database connection (a transaction of its own) while it does
 */
@ConfigurationProperties("kizuna.segments.membership")
public record SegmentMembershipProperties(@DefaultValue("10s") Duration viewWait, @DefaultValue("2") int concurrency) {}
