package io.kizuna.command.apikey;

import io.kizuna.api.apikey.ApiKeyCreated;
import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.ApiKeyRevoked;
import io.kizuna.api.apikey.CreateApiKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers which active API key a secret belongs to, from an in-memory copy of the API key catalog stream. The copy
 * follows the stream: it reads only the events after the last one it has, at most every
 * {@code kizuna.security.key-refresh} (default 5 s), and at once (at most once a second) when a secret is not
 * found, so a key created on another node works at once and a key revoked there is refused within that time. On the
 * node that created or revoked it, the change takes effect at once.
 *
 * <p>When a key was last used is kept here, in memory and per node, never as an event: a request must not append to
 * the event store just to say it happened.
 */
@Component
public class ApiKeyDirectory {

    private static final Duration MISS_REFRESH = Duration.ofSeconds(1);

    private final EventStore events;
    private final Clock clock;
    private final Duration refreshEvery;
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), -1, Instant.MIN);
    private volatile Instant lastMissRefresh = Instant.MIN;

    public ApiKeyDirectory(
            EventStore events, Clock clock, @Value("${kizuna.security.key-refresh:5s}") Duration refreshEvery) {
        this.events = events;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    /** The catalog as of the last refresh: keys by id (in order of creation), ids by hash, the last sequence read. */
    private record Snapshot(
            Map<String, ApiKeyDetails> byId, Map<String, String> idByHash, long lastSequence, Instant readAt) {}

    /** The active key with this secret, if any; notes that it was used now. */
    public Optional<ApiKeyDetails> authenticate(String secret) {
        if (!ApiKeySecrets.plausible(secret)) {
            return Optional.empty();
        }
        String hash = ApiKeySecrets.hash(secret);
        Instant now = clock.instant();
        Snapshot current = current(now);
        String id = current.idByHash().get(hash);
        if (id == null && now.isAfter(lastMissRefresh.plus(MISS_REFRESH))) {
            lastMissRefresh = now; // an unknown secret may be a key just created elsewhere; but never a read per miss
            current = refresh();
            id = current.idByHash().get(hash);
        }
        ApiKeyDetails key = id == null ? null : current.byId().get(id);
        if (key == null || key.revoked()) {
            return Optional.empty();
        }
        lastUsed.put(key.id(), now);
        return Optional.of(key);
    }

    /** Every key, oldest first, as of now. */
    public Collection<ApiKeyDetails> all() {
        return refresh().byId().values();
    }

    public Optional<ApiKeyDetails> find(String keyId) {
        return Optional.ofNullable(refresh().byId().get(keyId));
    }

    /** When this node last accepted the key; null if it has not since it started. */
    public Instant lastUsedAt(String keyId) {
        return lastUsed.get(keyId);
    }

    private Snapshot current(Instant now) {
        Snapshot current = snapshot;
        return now.isAfter(current.readAt().plus(refreshEvery)) ? refreshIfStale(now) : current;
    }

    /** Requests that find the copy stale at once read the stream once between them, not once each. */
    private synchronized Snapshot refreshIfStale(Instant now) {
        Snapshot current = snapshot;
        return now.isAfter(current.readAt().plus(refreshEvery)) ? refresh() : current;
    }

    /** Reads what changed in the catalog now, e.g. right after this node created or revoked a key. */
    public void reload() {
        refresh();
    }

    /** Reads the catalog's events after the last one read, and swaps in the new copy. */
    private synchronized Snapshot refresh() {
        Snapshot current = snapshot;
        Map<String, ApiKeyDetails> byId = null;
        Map<String, String> idByHash = null;
        long last = current.lastSequence();
        DomainEventStream stream = events.readEvents(CreateApiKey.CATALOG, last + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (byId == null) {
                byId = new LinkedHashMap<>(current.byId());
                idByHash = new HashMap<>(current.idByHash());
            }
            last = Math.max(last, message.getSequenceNumber());
            Object payload = message.getPayload();
            if (payload instanceof ApiKeyCreated created) {
                byId.put(
                        created.keyId(),
                        new ApiKeyDetails(created.keyId(), created.name(), created.role(), created.createdAt(), null));
                idByHash.put(created.keyHash(), created.keyId());
            } else if (payload instanceof ApiKeyRevoked revoked) {
                byId.computeIfPresent(
                        revoked.keyId(),
                        (id, key) ->
                                new ApiKeyDetails(id, key.name(), key.role(), key.createdAt(), revoked.revokedAt()));
            }
        }
        // a LinkedHashMap keeps the order of creation for listings; it is never changed once published
        Snapshot next = byId == null
                ? new Snapshot(current.byId(), current.idByHash(), last, clock.instant())
                : new Snapshot(Collections.unmodifiableMap(byId), Map.copyOf(idByHash), last, clock.instant());
        snapshot = next;
        return next;
    }
}
