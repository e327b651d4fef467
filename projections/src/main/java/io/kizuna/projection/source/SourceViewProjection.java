package io.kizuna.projection.source;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceRevoked;
import io.kizuna.projection.customer.CustomerViewProjection;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps the sources view, for listing sources. It runs in the views' processor ({@code customer-views}) rather than
 * a processor of its own: the event stream is then read once for every view, and one reset rebuilds them all (the
 * reset recreates every view index). Sources are few and change rarely, so each event is written at once, with its
 * sequence number as external version: redeliveries and replays change nothing.
 */
@Component
@ProcessingGroup(CustomerViewProjection.PROCESSING_GROUP)
public class SourceViewProjection {

    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    public SourceViewProjection(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    @EventHandler
    void on(SourceCreated event, @SequenceNumber long sequence) {
        SourceDocument source = new SourceDocument();
        source.id = event.sourceId();
        source.name = event.name();
        source.createdAt = event.createdAt();
        write(source, sequence);
    }

    @EventHandler
    void on(SourceRevoked event, @SequenceNumber long sequence) {
        SourceDocument source = load(event.sourceId());
        if (source == null || source.lastSequence >= sequence) {
            return;
        }
        source.revoked = true;
        source.revokedAt = event.revokedAt();
        write(source, sequence);
    }

    private SourceDocument load(String sourceId) {
        try {
            GetResponse<SourceDocument> response =
                    client.get(g -> g.index(names.alias(ViewIndex.SOURCES)).id(sourceId), SourceDocument.class);
            return response.found() ? response.source() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(SourceDocument source, long sequence) {
        source.lastSequence = sequence;
        try {
            client.index(i -> i.index(names.alias(ViewIndex.SOURCES))
                    .id(source.id)
                    .document(source)
                    .version(sequence + 1)
                    .versionType(VersionType.External));
        } catch (ElasticsearchException e) {
            if (e.status() != VERSION_CONFLICT) {
                throw e;
            }
            // a newer state of this source is already written
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
