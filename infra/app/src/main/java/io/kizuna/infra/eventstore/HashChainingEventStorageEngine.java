package io.kizuna.infra.eventstore;

import io.kizuna.api.history.HistoryHash;
import io.kizuna.api.history.HistoryHash.StoredEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage engine that chains every event it appends to the previous event of the same aggregate:
 * before the rows are written, each event gets its {@link HistoryHash} (over the payload bytes this engine is about to
 * store) in its metadata under {@link HistoryHash#METADATA_KEY}. Snapshots are not chained: they are a cache, not
 * history. Events published outside an aggregate are stored as the first event of an aggregate of their own (Axon's
 * convention) and hashed as such.
 *
 * <p>A subclass rather than a decorator: the event schema set-up and anything else that asks for a {@link
 * JdbcEventStorageEngine} keeps working, the hash is computed with exactly the serializer and data type
 * ({@code byte[]}) the rows are written with, and the previous hash is read from the raw stored row, before any
 * upcaster.
 *
 * <p>The previous hash comes from a bounded cache of each aggregate's last appended sequence and hash, used only when
 * it holds exactly the sequence before the one being appended; otherwise the aggregate's previous event is read back
 * (one row). The cache never outlives a failed append: an append that throws, or a unit of work that rolls back,
 * forgets the aggregates it touched, and an append rolled back unnoticed shows up as a sequence mismatch next time.
 * Events appended by another node therefore cost one read, never a wrong link, since (aggregate, sequence) is unique.
 */
public class HashChainingEventStorageEngine extends JdbcEventStorageEngine {

    /** Aggregates whose last hash is kept in memory, least recently appended out first. */
    public static final int DEFAULT_CACHED_AGGREGATES = 50_000;

    private final Map<String, Link> lastLinks;

    private record Link(long sequenceNumber, String hash) {}

    /**
     * An engine built from {@code builder}, which must not set another data type: the payload is hashed as the
     * {@code byte[]} it is stored as.
     */
    public HashChainingEventStorageEngine(JdbcEventStorageEngine.Builder builder, int cachedAggregates) {
        super(builder.dataType(byte[].class));
        this.lastLinks = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                return size() > cachedAggregates;
            }
        });
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, Link> appended = new LinkedHashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        try {
            for (EventMessage<?> event : events) {
                chained.add(chain(event, serializer, appended));
            }
            super.appendEvents(chained, serializer);
        } catch (RuntimeException e) {
            forget(appended.keySet());
            throw e;
        }
        lastLinks.putAll(appended);
        if (!appended.isEmpty() && CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            // events are appended while the unit of work prepares its commit, so a rollback is still to come
            if (unitOfWork.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
                Set<String> touched = Set.copyOf(appended.keySet());
                unitOfWork.onRollback(rolledBack -> forget(touched));
            }
        }
    }

    private EventMessage<?> chain(EventMessage<?> event, Serializer serializer, Map<String, Link> appended) {
        String aggregateType = null;
        String aggregateIdentifier = event.getIdentifier();
        long sequenceNumber = 0;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateIdentifier = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        String previous = sequenceNumber == 0
                ? HistoryHash.NONE
                : previousHash(aggregateIdentifier, sequenceNumber, appended, serializer);
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String hash = HistoryHash.of(
                previous,
                new StoredEvent(
                        aggregateType,
                        aggregateIdentifier,
                        sequenceNumber,
                        event.getIdentifier(),
                        payload.getType().getName(),
                        payload.getType().getRevision(),
                        // the text the engine writes into the timeStamp column (writeTimestamp is not overridden)
                        DateTimeUtils.formatInstant(event.getTimestamp()),
                        payload.getData()));
        appended.put(aggregateIdentifier, new Link(sequenceNumber, hash));
        return event.andMetaData(Map.of(HistoryHash.METADATA_KEY, hash));
    }

    private String previousHash(
            String aggregateIdentifier, long sequenceNumber, Map<String, Link> appended, Serializer serializer) {
        Link link = appended.get(aggregateIdentifier);
        if (link == null) {
            link = lastLinks.get(aggregateIdentifier);
        }
        if (link != null && link.sequenceNumber() == sequenceNumber - 1) {
            return link.hash();
        }
        return storedHash(aggregateIdentifier, sequenceNumber - 1, serializer);
    }

    /** The hash stored with one event, read raw (no upcasting); empty when there is no such event or hash. */
    private String storedHash(String aggregateIdentifier, long sequenceNumber, Serializer serializer) {
        for (DomainEventData<?> data : fetchDomainEvents(aggregateIdentifier, sequenceNumber, 1)) {
            if (data.getSequenceNumber() == sequenceNumber) {
                MetaData metaData = serializer.deserialize(data.getMetaData());
                Object hash = metaData.get(HistoryHash.METADATA_KEY);
                return hash == null ? HistoryHash.NONE : hash.toString();
            }
        }
        return HistoryHash.NONE;
    }

    private void forget(Set<String> aggregateIdentifiers) {
        aggregateIdentifiers.forEach(lastLinks::remove);
    }
}
