package io.kizuna.query.consistency;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * Makes what the views hold searchable now instead of at the next periodic refresh, for reads that must see their
 * own writes. Requests are coalesced: whoever asks while a refresh runs is served by the one that starts next, so
 * a burst of consistent reads costs two refreshes, not one each.
 */
@Component
public class ViewRefresher {

    private final ElasticsearchClient client;
    private final String[] aliases;
    private final Executor executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kizuna-view-refresh");
        t.setDaemon(true);
        return t;
    });

    private CompletableFuture<Void> running;
    private CompletableFuture<Void> queued;

    public ViewRefresher(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.aliases = Arrays.stream(ViewIndex.values()).map(names::alias).toArray(String[]::new);
    }

    /** Completes after a refresh that started after this call. */
    public synchronized CompletableFuture<Void> refresh() {
        if (running == null) {
            return start();
        }
        if (queued == null) {
            queued = new CompletableFuture<>();
        }
        return queued;
    }

    /**
     * Starts a refresh and marks it running. It is marked before its completion is handled: a refresh that is already
     * done then clears the mark at once (assigning the mark after that would leave a finished refresh "running" for
     * good, and every later caller waiting for a refresh that never starts).
     */
    private CompletableFuture<Void> start() {
        CompletableFuture<Void> refresh = CompletableFuture.runAsync(this::refreshNow, executor);
        running = refresh;
        refresh.whenComplete((ok, error) -> startQueued());
        return refresh;
    }

    private synchronized void startQueued() {
        running = null;
        if (queued != null) {
            CompletableFuture<Void> waiting = queued;
            queued = null;
            start().whenComplete((ok, error) -> {
                if (error != null) {
                    waiting.completeExceptionally(error);
                } else {
                    waiting.complete(null);
                }
            });
        }
    }

    private void refreshNow() {
        try {
            client.indices().refresh(r -> r.index(Arrays.asList(aliases)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
