package io.kizuna.query.history;

import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.history.Causation;
import io.kizuna.api.history.CustomerSnapshot;
import io.kizuna.api.history.FindCustomerAsOf;
import io.kizuna.api.history.FindCustomerHistory;
import io.kizuna.api.history.HistoryEntry;
import io.kizuna.api.history.HistoryHash;
import io.kizuna.api.history.HistoryPage;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.projection.customer.ProfileDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A customer's history and the customer as of a point in time, both read straight from the event store (the record
 * itself, not the views): replay with causation and hashes for auditors, and time travel on the recorded-time and
 * business-time axes with the fold of the live profile view.
 */
@Component
public class HistoryQueries {

    private static final RevisionResolver REVISIONS = new AnnotationRevisionResolver();

    private final CustomerStreams streams;
    private final HistoryPayloads payloads;
    private final int maxPageSize;

    public HistoryQueries(
            CustomerStreams streams,
            HistoryPayloads payloads,
            @Value("${kizuna.query.max-page-size:100}") int maxPageSize) {
        this.streams = streams;
        this.payloads = payloads;
        this.maxPageSize = maxPageSize;
    }

    @QueryHandler
    public HistoryPage handle(FindCustomerHistory query) {
        HistoryPager.validate(query.first(), maxPageSize, query.after(), query.from(), query.to(), query.types());
        CustomerStreams.Reader reader = streams.reader();
        if (reader.own(query.customerId()).isEmpty()) {
            throw unknown(query.customerId());
        }
        HistoryPager.Page page = HistoryPager.page(
                reader.withAbsorbed(query.customerId()),
                query.first(),
                query.after(),
                query.from(),
                query.to(),
                query.types());
        List<HistoryEntry> entries = new ArrayList<>(page.events().size());
        page.events().forEach(e -> entries.add(entry(e)));
        return new HistoryPage(entries, page.cursors(), page.hasNextPage(), page.totalCount());
    }

    @QueryHandler
    public CustomerSnapshot handle(FindCustomerAsOf query) {
        CustomerStreams.Reader reader = streams.reader();
        if (reader.own(query.customerId()).isEmpty()) {
            throw unknown(query.customerId());
        }
        AsOf asOf = new AsOf(query.knownAt(), query.occurredBy());
        ProfileDocument profile = asOf.fold(query.customerId(), reader::own, Instant.now());
        if (profile == null) {
            return null;
        }
        CustomerProfile p = profile.toProfile();
        return new CustomerSnapshot(
                p.id(),
                query.knownAt(),
                query.occurredBy(),
                p.identifiers(),
                p.traits(),
                p.firstSeenAt(),
                p.lastSeenAt(),
                p.touchpointCount(),
                p.countsByType(),
                p.countsByChannel(),
                p.lifetimeValue(),
                p.accounts(),
                p.stages(),
                p.segments(),
                p.consents(),
                p.mergedInto(),
                p.mergedFrom(),
                p.lastSequence());
    }

    private HistoryEntry entry(StoredEvent event) {
        return new HistoryEntry(
                event.position(),
                event.sequence(),
                event.customerId(),
                event.absorbed(),
                event.eventId(),
                event.type(),
                REVISIONS.revisionOf(event.payload().getClass()),
                event.storedRevision(),
                event.businessTime(),
                event.recordedAt(),
                payloads.forCaller(event.payload()),
                causation(event.metaData()),
                hash(event.metaData()));
    }

    /** The metadata entries that say what caused the event; null when it carries none. */
    private static Map<String, Object> causation(Map<String, ?> metaData) {
        Map<String, Object> causation = new LinkedHashMap<>();
        for (String key : Causation.METADATA_KEYS) {
            Object value = metaData.get(key);
            if (value != null) {
                causation.put(key, value);
            }
        }
        return causation.isEmpty() ? null : causation;
    }

    private static String hash(Map<String, ?> metaData) {
        return metaData.get(HistoryHash.METADATA_KEY) instanceof String hash ? hash : "";
    }

    private static NotFoundException unknown(String customerId) {
        return new NotFoundException("id", "no customer with id " + customerId + ": check the id");
    }
}
