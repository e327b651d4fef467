package io.kizuna.projection.source;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceRevoked;
import io.kizuna.projection.customer.CustomerViewProjection;
import io.kizuna.projection.index.LiveViewWrites;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import io.kizuna.projection.index.ViewTarget;
import io.kizuna.projection.rebuild.RebuildableProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the sources view, for listing sources. It runs in the views' processor ({@code customer-views}) rather than
 * a processor of its own: the event stream is then read once for every view, and one reset rebuilds them all (each
 * projection's reset handler recreates its own indices). Sources are few and change rarely, so each event is written
 * at once, with its sequence number as external version: redeliveries and replays change nothing.
 */
@Component
@ProcessingGroup(CustomerViewProjection.PROCESSING_GROUP)
public class SourceViewProjection implements RebuildableProjection {

    private static final int VERSION_CONFLICT = 409;
    private static final Set<ViewIndex> VIEWS = Set.of(ViewIndex.SOURCES);

    private final ElasticsearchClient client;
    private final ViewTarget target;
    private final ViewIndexSetup indices;

    @Autowired
    public SourceViewProjection(
            ElasticsearchClient client, ViewIndexNames names, LiveViewWrites liveWrites, ViewIndexSetup indices) {
        this(client, ViewTarget.live(names, liveWrites), indices);
    }

    private SourceViewProjection(ElasticsearchClient client, ViewTarget target, ViewIndexSetup indices) {
        this.client = client;
        this.target = target;
        this.indices = indices;
    }

    @Override
    public Set<ViewIndex> views() {
        return VIEWS;
    }

    @Override
    public String processingGroup() {
        return CustomerViewProjection.PROCESSING_GROUP;
    }

    @Override
    public SourceViewProjection writingInto(ViewTarget target) {
        return new SourceViewProjection(client, target, indices);
    }

    /** A reset of the processor empties the view here; the replay then refills it. */
    @ResetHandler
    void onReset() throws IOException {
        indices.recreate(VIEWS);
    }

    @EventHandler
    void on(SourceCreated event, @SequenceNumber long sequence) {
        SourceDocument source = new SourceDocument();
        source.id = event.sourceId();
        source.name = event.name();
        source.createdAt = event.createdAt();
        target.write(() -> write(source, sequence));
    }

    @EventHandler
    void on(SourceRevoked event, @SequenceNumber long sequence) {
        target.write(() -> {
            SourceDocument source = load(event.sourceId());
            if (source == null || source.lastSequence >= sequence) {
                return;
            }
            source.revoked = true;
            source.revokedAt = event.revokedAt();
            write(source, sequence);
        });
    }

    private SourceDocument load(String sourceId) {
        try {
            GetResponse<SourceDocument> response =
                    client.get(g -> g.index(target.index(ViewIndex.SOURCES)).id(sourceId), SourceDocument.class);
            return response.found() ? response.source() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(SourceDocument source, long sequence) {
        source.lastSequence = sequence;
        try {
            client.index(i -> i.index(target.index(ViewIndex.SOURCES))
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
