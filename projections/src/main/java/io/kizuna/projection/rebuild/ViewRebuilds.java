package io.kizuna.projection.rebuild;

import io.kizuna.api.job.FindRebuildJob;
import io.kizuna.api.job.JobProgress;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.projection.index.LiveViewWrites;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexGenerations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rebuilds views from the event store while the live ones keep serving: each job fills new index generations through a
 * processing group of its own, then swaps the aliases to them atomically and drops the old indices (see
 * {@link RebuildRun}). One job at a time per view on this node; progress for GraphQL ({@link FindRebuildJob}) and the
 * log.
 *
 * <p>The views a job rebuilds are those of every projection owning a requested view: views one projection writes in
 * one unit of work (profiles, timeline and stage transitions) are only consistent with each other when rebuilt
 * together.
 */
@Component
public class ViewRebuilds implements SmartLifecycle {

    static final String KIND = "VIEW_REBUILD";
    private static final Logger log = LoggerFactory.getLogger(ViewRebuilds.class);
    private static final int FINISHED_JOBS_KEPT = 50;

    private final List<RebuildableProjection> projections;
    private final Map<ViewIndex, RebuildableProjection> owners = new EnumMap<>(ViewIndex.class);
    private final RebuildRun.Context context;
    private final ViewIndexGenerations generations;
    private final TokenStore tokenStore;
    private final Map<String, RebuildRun> jobs = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean started;
    private volatile boolean stopping;

    public ViewRebuilds(
            List<RebuildableProjection> projections,
            EventStore eventStore,
            TokenStore tokenStore,
            ObjectProvider<TransactionManager> transactionManager,
            ViewIndexGenerations generations,
            LiveViewWrites liveWrites,
            RebuildProperties properties,
            Clock clock) {
        this.projections = List.copyOf(projections);
        for (RebuildableProjection projection : projections) {
            for (ViewIndex view : projection.views()) {
                RebuildableProjection other = owners.put(view, projection);
                if (other != null) {
                    throw new IllegalStateException("view " + view.viewName() + " is written by two projections: "
                            + other.getClass().getSimpleName() + " and "
                            + projection.getClass().getSimpleName());
                }
            }
        }
        this.generations = generations;
        this.tokenStore = tokenStore;
        this.context = new RebuildRun.Context(
                eventStore,
                tokenStore,
                transactionManager.getIfAvailable(NoTransactionManager::instance),
                generations,
                liveWrites,
                properties,
                clock,
                () -> stopping);
    }

    /**
     * Starts rebuilding the named views (all views that can be rebuilt when {@code views} is null) and answers the
     * job; while a job rebuilds exactly these views, answers that job instead.
     *
     * @throws InvalidInputException naming {@code views[i]} for a view that does not exist or cannot be rebuilt, or
     *     {@code views} when another running job rebuilds some of them or when the live processor of these views has
     *     segments on other nodes
     */
    public synchronized JobProgress start(List<String> views) {
        List<RebuildableProjection> selected = select(views);
        Set<ViewIndex> indices = EnumSet.noneOf(ViewIndex.class);
        selected.forEach(p -> indices.addAll(p.views()));
        for (RebuildRun job : jobs.values()) {
            if (job.isRunning() && job.views().equals(indices)) {
                return job.progress();
            }
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String id = "rebuild-" + suffix;
        String group = selected.stream()
                        .map(RebuildableProjection::processingGroup)
                        .collect(Collectors.toCollection(TreeSet::new))
                        .stream()
                        .collect(Collectors.joining("+"))
                + "-rebuild-" + suffix;
        requireAllLiveSegmentsHere(selected);
        Optional<String> other = generations.claim(indices, id);
        if (other.isPresent()) {
            throw new InvalidInputException(
                    "views", "rebuild " + other.get() + " is rebuilding some of these views; wait until it is done");
        }
        RebuildRun job = new RebuildRun(id, group, indices, selected, context, this::finished);
        jobs.put(id, job);
        forgetOldJobs();
        workers.submit(job);
        return job.progress();
    }

    /** The progress of a view rebuild, or null for an id this node does not know (jobs live in memory). */
    @QueryHandler
    public JobProgress handle(FindRebuildJob query) {
        return find(query.id()).map(RebuildRun::progress).orElse(null);
    }

    /** The names of the views a rebuild works on, or null for an unknown id. */
    public List<String> viewsOf(String id) {
        return find(id).map(job -> job.views().stream().map(ViewIndex::viewName).toList())
                .orElse(null);
    }

    private synchronized Optional<RebuildRun> find(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** Called by a job as it ends: frees its views for the next rebuild. */
    private synchronized void finished(RebuildRun job) {
        generations.release(job.views(), job.id());
    }

    private List<RebuildableProjection> select(List<String> views) {
        if (views == null) {
            return projections;
        }
        if (views.isEmpty()) {
            throw new InvalidInputException("views", "name at least one view, or leave views out to rebuild all");
        }
        Set<RebuildableProjection> selected = new LinkedHashSet<>();
        for (int i = 0; i < views.size(); i++) {
            String name = views.get(i);
            ViewIndex view = Arrays.stream(ViewIndex.values())
                    .filter(v -> v.viewName().equals(name))
                    .findFirst()
                    .orElse(null);
            if (view == null) {
                throw new InvalidInputException(
                        "views[" + i + "]", "unknown view; the views that can be rebuilt are " + rebuildable());
            }
            RebuildableProjection owner = owners.get(view);
            if (owner == null) {
                throw new InvalidInputException(
                        "views[" + i + "]",
                        "view " + view.viewName() + " cannot be rebuilt here; the views that can be rebuilt are "
                                + rebuildable());
            }
            selected.add(owner);
        }
        return new ArrayList<>(selected);
    }

    private String rebuildable() {
        return Arrays.stream(ViewIndex.values())
                .filter(owners::containsKey)
                .map(ViewIndex::viewName)
                .collect(Collectors.joining(", "));
    }

    /**
     * The live writes this node pauses for the swap must be all the live writes there are: another node processing a
     * segment of the live group could write a view between the last event the rebuild copied and the swap, and that
     * write would be lost. Checked again just before the swap.
     */
    private void requireAllLiveSegmentsHere(Collection<RebuildableProjection> selected) {
        for (RebuildableProjection projection : selected) {
            if (!RebuildRun.liveSegmentsAllHere(tokenStore, projection.processingGroup())) {
                throw new InvalidInputException(
                        "views",
                        "processor " + projection.processingGroup() + " runs on other nodes too; a rebuild can only"
                                + " pause the live writes of the node it runs on, so run it where the processor runs"
                                + " alone");
            }
        }
    }

    private void forgetOldJobs() {
        List<String> finished = jobs.values().stream()
                .filter(job -> !job.isRunning())
                .map(RebuildRun::id)
                .toList();
        for (int i = 0; i < finished.size() - FINISHED_JOBS_KEPT; i++) {
            jobs.remove(finished.get(i));
        }
    }

    @Override
    public void start() {
        started = true;
    }

    /** Running jobs stop at their next batch and clean up (their new indices go, the live ones stay). */
    @Override
    public void stop() {
        stopping = true;
        started = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("View rebuilds did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stops before the processors, the event store and Elasticsearch client it uses. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
