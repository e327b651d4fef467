package io.kizuna.projection.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The generations of each view's index: which concrete index its alias points at, creating the next generation next to
 * it, swapping aliases to new indices in one atomic request, and dropping indices no alias needs any more. Also keeps
 * which views a rebuild is working on (on this node), so that a second rebuild or a processor reset of the same view
 * is refused while it runs.
 */
@Component
public class ViewIndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(ViewIndexGenerations.class);

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final Map<ViewIndex, String> claims = new EnumMap<>(ViewIndex.class);

    public ViewIndexGenerations(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Every index of the view (any version and generation), by name, each with whether the view's alias is on it. */
    public Map<String, Boolean> indices(ViewIndex view) throws IOException {
        String alias = names.alias(view);
        Map<String, IndexState> found =
                client.indices().get(g -> g.index(names.indexPattern(view))).indices();
        Map<String, Boolean> indices = new TreeMap<>();
        found.forEach((index, state) -> indices.put(index, state.aliases().containsKey(alias)));
        return indices;
    }

    /** The indices the view's alias points at now: one, or none before the view was first set up. */
    public List<String> serving(ViewIndex view) throws IOException {
        List<String> serving = new ArrayList<>();
        indices(view).forEach((index, aliased) -> {
            if (aliased) {
                serving.add(index);
            }
        });
        return serving;
    }

    /**
     * Creates the view's next index generation of its current mapping version, without alias, and waits until it can
     * take writes. The alias stays where it is.
     */
    public String createNext(ViewIndex view) throws IOException {
        int next = indices(view).keySet().stream()
                        .mapToInt(index -> names.generationOf(view, index).orElse(0))
                        .max()
                        .orElse(0)
                + 1;
        String index = names.generation(view, next);
        client.indices().create(c -> c.index(index));
        client.cluster()
                .health(h -> h.index(index).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
        log.info("Created index {} next to alias {}", index, names.alias(view));
        return index;
    }

    /**
     * Points each view's alias at its new index (as write index) in one atomic {@code _aliases} request: readers see
     * the old indices up to it and the new ones from it on, never neither. Answers the indices the aliases left.
     */
    public Map<ViewIndex, List<String>> swap(Map<ViewIndex, String> newIndices) throws IOException {
        Map<ViewIndex, List<String>> previous = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        for (Map.Entry<ViewIndex, String> entry : newIndices.entrySet()) {
            String alias = names.alias(entry.getKey());
            List<String> serving = serving(entry.getKey());
            previous.put(entry.getKey(), serving);
            for (String old : serving) {
                actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
            }
            actions.add(Action.of(
                    a -> a.add(ad -> ad.index(entry.getValue()).alias(alias).isWriteIndex(true))));
        }
        client.indices().updateAliases(u -> u.actions(actions));
        log.info("Aliases swapped: {} (they were on {})", newIndices, previous);
        return previous;
    }

    /** Makes everything written to these indices visible to searches now. */
    public void refresh(Collection<String> indices) throws IOException {
        client.indices().refresh(r -> r.index(List.copyOf(indices)));
    }

    /** Deletes these indices; ones already gone are ignored. */
    public void drop(Collection<String> indices) throws IOException {
        if (indices.isEmpty()) {
            return;
        }
        client.indices().delete(d -> d.index(List.copyOf(indices)).ignoreUnavailable(true));
        log.info("Dropped indices {}", indices);
    }

    /**
     * Claims the views for {@code owner} (a rebuild job), all or none. Answers the owner of a view already claimed, if
     * any, in which case nothing is claimed.
     */
    public synchronized Optional<String> claim(Collection<ViewIndex> views, String owner) {
        for (ViewIndex view : views) {
            if (claims.containsKey(view)) {
                return Optional.of(claims.get(view));
            }
        }
        views.forEach(view -> claims.put(view, owner));
        return Optional.empty();
    }

    public synchronized void release(Collection<ViewIndex> views, String owner) {
        views.forEach(view -> claims.remove(view, owner));
    }

    /** The rebuild working on this view now, if any. */
    public synchronized Optional<String> claimant(ViewIndex view) {
        return Optional.ofNullable(claims.get(view));
    }
}
