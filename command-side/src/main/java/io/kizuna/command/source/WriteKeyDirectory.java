package io.kizuna.command.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers which active source a write key belongs to: the key's hash names its {@code WriteKey} stream, which names
 * the source, whose stream says whether it is revoked. Answers (unknown keys too) are cached for
 * {@code kizuna.intake.write-key-cache-ttl} (default 30 s), so a revocation takes effect at once on the node that
 * revoked and within that time on every other node.
 */
@Component
public class WriteKeyDirectory {

    private final SourceStreams streams;
    private final Cache<String, Optional<String>> activeSourceByKeyHash;

    public WriteKeyDirectory(
            EventStore events,
            @Value("${kizuna.intake.write-key-cache-ttl:30s}") Duration ttl,
            @Value("${kizuna.intake.write-key-cache-size:10000}") long maxEntries) {
        this.streams = new SourceStreams(events);
        this.activeSourceByKeyHash = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .build();
    }

    /** The id of the source this write key belongs to, unless the key is unknown or its source revoked. */
    public Optional<String> activeSourceOf(String writeKey) {
        if (!WriteKeys.plausible(writeKey)) {
            return Optional.empty();
        }
        return activeSourceByKeyHash.get(WriteKeys.hash(writeKey), this::lookUp);
    }

    /** Forgets cached answers for a source, e.g. right after revoking it. */
    public void forgetSource(String sourceId) {
        activeSourceByKeyHash.asMap().values().removeIf(owner -> owner.filter(sourceId::equals)
                .isPresent());
    }

    private Optional<String> lookUp(String keyHash) {
        return streams.ownerOfKey(keyHash)
                .flatMap(streams::source)
                .filter(source -> !source.revoked())
                .map(source -> source.id());
    }
}
