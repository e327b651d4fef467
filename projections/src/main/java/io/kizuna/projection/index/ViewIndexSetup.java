package io.kizuna.projection.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the index templates and the current versioned index behind each view alias (unless the alias already has an
 * index, of any generation: see {@link ViewIndexGenerations}), and waits until their shards can serve, before any
 * event processor starts (processors start only after every singleton is initialised).
 * Readers therefore never see {@code index_not_found} (STACK.md pitfall 10). Safe to run on every start and by
 * several nodes at once.
 */
@Component
public class ViewIndexSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ViewIndexSetup.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final ViewIndexGenerations generations;
    private volatile boolean ready;

    public ViewIndexSetup(ElasticsearchClient client, ViewIndexNames names) {
        this(client, names, new ViewIndexGenerations(client, names));
    }

    @Autowired
    public ViewIndexSetup(ElasticsearchClient client, ViewIndexNames names, ViewIndexGenerations generations) {
        this.client = client;
        this.names = names;
        this.generations = generations;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        for (ViewIndex view : ViewIndex.values()) {
            putTemplate(view);
            ensureServed(view);
        }
        awaitServing(List.of(ViewIndex.values()));
        ready = true;
        log.info("Elasticsearch views ready under prefix '{}'", names.prefix());
    }

    /**
     * Drops every index of these views (any generation) and creates each view's first index empty behind its alias,
     * for a rebuild from the event store by a processor reset: the views are empty until the replay has refilled them.
     * A fresh index also forgets the version tombstones of deleted documents, which would otherwise make replayed
     * writes look stale. Refused while a rebuild works on one of the views. (Rebuilds that keep serving:
     * {@code ViewRebuilds}.)
     */
    public void recreate(Collection<ViewIndex> views) throws IOException {
        for (ViewIndex view : views) {
            Optional<String> rebuild = generations.claimant(view);
            if (rebuild.isPresent()) {
                throw new IllegalStateException("view " + view.viewName() + " is being rebuilt by " + rebuild.get()
                        + "; reset after that rebuild has finished");
            }
        }
        ready = false;
        for (ViewIndex view : views) {
            generations.drop(generations.indices(view).keySet());
            ensureServed(view);
        }
        awaitServing(views);
        ready = true;
    }

    /** True once every view's index exists and can serve. */
    public boolean isReady() {
        return ready;
    }

    /**
     * Gives the view's alias an index unless it has one: the current version's first index (created, or attached if
     * it exists). An alias already on an index is left there, whatever its generation; on an older mapping version,
     * a rebuild moves it to the current one.
     */
    private void ensureServed(ViewIndex view) throws IOException {
        List<String> serving = generations.serving(view);
        if (serving.isEmpty()) {
            String index = names.currentIndex(view);
            createIfMissing(view, index, true);
            if (generations.serving(view).isEmpty()) {
                client.indices()
                        .updateAliases(u -> u.actions(a -> a.add(
                                ad -> ad.index(index).alias(names.alias(view)).isWriteIndex(true))));
                log.info("Alias {} attached to index {}", names.alias(view), index);
            }
        } else if (serving.stream()
                .noneMatch(index -> names.generationOf(view, index).isPresent())) {
            log.warn(
                    "View {} is served by {}, of an older mapping version than v{}: rebuild it (rebuildViews) to move"
                            + " it to the current version",
                    view.viewName(),
                    serving,
                    view.version());
        }
    }

    private void awaitServing(Collection<ViewIndex> views) throws IOException {
        for (ViewIndex view : views) {
            client.cluster().health(h -> h.index(names.alias(view))
                    .waitForStatus(HealthStatus.Yellow)
                    .timeout(t -> t.time("60s")));
        }
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
