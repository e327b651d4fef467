package io.kizuna.infra.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the db-scheduler {@link Scheduler} just after the Axon configuration has started and stops it just before
 * Axon shuts down. A due deadline is thus only handed to an aggregate once command handlers are subscribed, and on
 * shutdown no new deadline is picked up while handlers are still running: {@code stop} waits for running ones (up to
 * {@code kizuna.deadlines.shutdown-max-wait}) before Axon and the database go away.
 *
 * <p>Spring starts lifecycle beans in ascending phase order and stops them in descending order; this one sits one phase
 * above {@link SpringAxonConfiguration#LIFECYCLE_PHASE} and below the web server's.
 */
public class DeadlineSchedulerLifecycle implements SmartLifecycle {

    /** Right after Axon's configuration on start, right before it on stop. */
    public static final int PHASE = SpringAxonConfiguration.LIFECYCLE_PHASE + 1;

    private static final Logger log = LoggerFactory.getLogger(DeadlineSchedulerLifecycle.class);

    private final Scheduler scheduler;
    private volatile boolean running;

    public DeadlineSchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        if (!scheduler.getSchedulerState().isStarted()) {
            scheduler.start();
            log.info("Deadline scheduler started");
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler.getSchedulerState().isStarted()
                && !scheduler.getSchedulerState().isShuttingDown()) {
            scheduler.stop();
            log.info("Deadline scheduler stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
