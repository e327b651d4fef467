package io.kizuna.query.consistency;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.consistency.ReadConsistency;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Holds a read back until the views show the writes a {@link ConsistencyToken} names, for at most
 * {@code kizuna.consistency.max-wait} (default 5 s). A profile's {@code lastSequence} is read in real time, so
 * the check costs one multi-get; the profile view is written after the timeline and stage transitions, so it speaks
 * for all three. Once caught up, a refresh makes the writes searchable too.
 */
@Component
public class ConsistencyGate {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyGate.class);

    /** Only the field the check needs is fetched. */
    public record SequenceOnly(Long lastSequence) {}

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final ViewRefresher refresher;
    private final Duration maxWait;

    public ConsistencyGate(
            ElasticsearchClient client,
            ViewIndexNames names,
            ViewRefresher refresher,
            @Value("${kizuna.consistency.max-wait:5s}") Duration maxWait) {
        this.client = client;
        this.names = names;
        this.refresher = refresher;
        this.maxWait = maxWait;
    }

    public ReadConsistency await(ConsistencyToken token) {
        if (token == null || token.isEmpty()) {
            return ReadConsistency.NOT_REQUESTED;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        Map<String, Long> pending = new HashMap<>(token.lastSequenceByCustomer());
        long pause = 2;
        while (true) {
            Map<String, Long> current = currentSequences(pending);
            pending.entrySet().removeIf(e -> e.getValue() <= current.getOrDefault(e.getKey(), -1L));
            if (pending.isEmpty()) {
                return refreshed(deadline) ? ReadConsistency.REACHED : ReadConsistency.TIMED_OUT;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn(
                        "Read gave up waiting for the views after {}: {} customer(s) behind, e.g. {} (wanted {}, view at {})",
                        maxWait,
                        pending.size(),
                        pending.keySet().iterator().next(),
                        pending.values().iterator().next(),
                        current.getOrDefault(pending.keySet().iterator().next(), -1L));
                return ReadConsistency.TIMED_OUT;
            }
            sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pause = Math.min(pause * 2, 50);
        }
    }

    private Map<String, Long> currentSequences(Map<String, Long> wanted) {
        try {
            MgetResponse<SequenceOnly> response = client.mget(
                    m -> m.index(names.alias(ViewIndex.PROFILES))
                            .ids(List.copyOf(wanted.keySet()))
                            .sourceIncludes("lastSequence"),
                    SequenceOnly.class);
            Map<String, Long> current = new HashMap<>();
            for (MultiGetResponseItem<SequenceOnly> item : response.docs()) {
                if (item.isResult()
                        && item.result().found()
                        && item.result().source().lastSequence() != null) {
                    current.put(item.result().id(), item.result().source().lastSequence());
                }
            }
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean refreshed(long deadline) {
        try {
            refresher.refresh().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("refreshing the views failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the views", e);
        }
    }
}
