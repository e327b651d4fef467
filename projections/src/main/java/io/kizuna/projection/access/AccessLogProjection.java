package io.kizuna.projection.access;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.kizuna.api.access.HistoryAccessed;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps the access-log view: one document per recorded read of customer history. It runs in a processor of its own
 * ({@value #PROCESSING_GROUP}), so recorded reads never queue behind customer view updates. Records never change,
 * so every document is written once, with {@code op_type=create}, under the access id: redeliveries and replays find
 * it there and change nothing. The records of one processor batch go to Elasticsearch in one bulk, before the
 * batch's tracking token is stored.
 *
 * <p>To rebuild the view (say after its index was recreated empty), reset this processor: the replay writes every
 * missing record and skips the ones present.
 */
@Component
@ProcessingGroup(AccessLogProjection.PROCESSING_GROUP)
public class AccessLogProjection {

    public static final String PROCESSING_GROUP = "access-log";
    private static final String BATCH = AccessLogProjection.class.getName() + ".batch";
    private static final int ALREADY_EXISTS = 409;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    public AccessLogProjection(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    @EventHandler
    void on(HistoryAccessed event) {
        batch().add(AccessLogDocument.of(event));
    }

    private List<AccessLogDocument> batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            List<AccessLogDocument> batch = new ArrayList<>();
            root.onPrepareCommit(u -> write(batch));
            return batch;
        });
    }

    /** Writes the records; throws (so the batch is retried) unless each is stored now or was already. */
    public void write(List<AccessLogDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        String alias = names.alias(ViewIndex.ACCESS_LOG);
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (AccessLogDocument document : documents) {
            bulk.operations(op -> op.create(c -> c.index(alias).id(document.id).document(document)));
        }
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (!response.errors()) {
                return;
            }
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != ALREADY_EXISTS) {
                    throw new IllegalStateException("Elasticsearch refused access record " + item.id() + ": "
                            + item.error().type() + ": " + item.error().reason());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
