package io.kizuna.query.segment.evaluation;

import io.kizuna.projection.customer.CustomerViewProjection;
import io.kizuna.query.consistency.ViewRefresher;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Waits until the customer views have processed every event up to a position of the event store, then makes them
 * searchable: a background scan then sees at least what was stored before it began. Only a processor whose segments
 * all run on this node can be watched; with segments on other nodes it waits a short grace period instead.
 */
@Component
class ViewCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ViewCatchUp.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<TokenStore> tokenStore;
    private final ViewRefresher refresher;

    ViewCatchUp(
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<TokenStore> tokenStore,
            ViewRefresher refresher) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.refresher = refresher;
    }

    /** True when the views were seen to reach {@code position} within {@code max}; the views are refreshed anyway. */
    boolean await(long position, Duration max) throws InterruptedException {
        boolean reached = position < 0 || reached(position, max);
        try {
            refresher.refresh().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // searchable within the index refresh interval (1 s) anyway
        }
        return reached;
    }

    private boolean reached(long position, Duration max) throws InterruptedException {
        String name = CustomerViewProjection.PROCESSING_GROUP;
        EventProcessingConfiguration config = processing.getIfAvailable();
        TokenStore tokens = tokenStore.getIfAvailable();
        Optional<StreamingEventProcessor> processor =
                config == null ? Optional.empty() : config.eventProcessor(name, StreamingEventProcessor.class);
        long deadline = System.nanoTime() + max.toNanos();
        long graceEnd = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            if (processor.isPresent() && tokens != null) {
                var status = processor.get().processingStatus();
                int segments = tokens.fetchSegments(name).length;
                if (segments > 0
                        && status.size() == segments
                        && status.values().stream().allMatch(s -> at(s) >= position)) {
                    return true;
                }
                if (status.size() < segments && System.nanoTime() > graceEnd) {
                    return false; // other nodes hold segments: their progress cannot be seen from here
                }
            } else if (System.nanoTime() > graceEnd) {
                return false;
            }
            Thread.sleep(100);
        }
        processor.ifPresent(p -> log.info(
                "The customer views did not reach position {} within {}: {}", position, max, p.processingStatus()));
        return false;
    }

    private static long at(EventTrackerStatus status) {
        return status.isErrorState() ? -1 : status.getCurrentPosition().orElse(-1);
    }
}
