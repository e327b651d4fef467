package io.kizuna.projection.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the index templates and the current versioned index behind each view alias, and waits until their shards
 * can serve, before any event processor starts (processors start only after every singleton is initialised).
 * Readers therefore never see {@code index_not_found} (STACK.md pitfall 10). Safe to run on every start and by
 * several nodes at once.
 */
@Component
public class ViewIndexSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ViewIndexSetup.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private volatile boolean ready;

    public ViewIndexSetup(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        for (ViewIndex view : ViewIndex.values()) {
            putTemplate(view);
            createIfMissing(view, names.currentIndex(view), true);
        }
        for (ViewIndex view : ViewIndex.values()) {
            client.cluster().health(h -> h.index(names.alias(view))
                    .waitForStatus(HealthStatus.Yellow)
                    .timeout(t -> t.time("60s")));
        }
        ready = true;
        log.info("Elasticsearch views ready under prefix '{}'", names.prefix());
    }

    /**
     * Drops every view's current index and creates it empty, for a rebuild from the event store. A fresh index
     * also forgets the version tombstones of deleted documents, which would otherwise make replayed writes look stale.
     */
    public void recreateAll() throws IOException {
        ready = false;
        for (ViewIndex view : ViewIndex.values()) {
            String index = names.currentIndex(view);
            if (client.indices().exists(e -> e.index(index)).value()) {
                client.indices().delete(d -> d.index(index));
            }
        }
        afterPropertiesSet();
    }

    /** True once every view's index exists and can serve. */
    public boolean isReady() {
        return ready;
    }

    private void putTemplate(ViewIndex view) throws IOException {
        JsonNode body = readTemplate(view);
        client.indices().putIndexTemplate(t -> t.name(names.templateName(view))
                .indexPatterns(names.indexPattern(view))
                .template(tm -> tm.settings(IndexSettings.of(s -> s.withJson(
                                new java.io.StringReader(body.get("settings").toString()))))
                        .mappings(TypeMapping.of(m -> m.withJson(
                                new java.io.StringReader(body.get("mappings").toString()))))));
    }

    /** Creates {@code index}; with {@code attachAlias} it becomes the alias's write index. */
    public void createIfMissing(ViewIndex view, String index, boolean attachAlias) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        try {
            client.indices().create(c -> {
                c.index(index);
                if (attachAlias) {
                    c.aliases(names.alias(view), a -> a.isWriteIndex(true));
                }
                return c;
            });
            log.info("Created index {}{}", index, attachAlias ? " behind alias " + names.alias(view) : "");
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static JsonNode readTemplate(ViewIndex view) {
        try (InputStream in = ViewIndexSetup.class.getResourceAsStream(view.templateResource())) {
            if (in == null) {
                throw new IllegalStateException("missing index template resource " + view.templateResource());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
