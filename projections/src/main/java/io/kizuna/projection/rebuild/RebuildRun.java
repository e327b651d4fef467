package io.kizuna.projection.rebuild;

import io.kizuna.api.job.JobProgress;
import io.kizuna.projection.index.LiveViewWrites;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexGenerations;
import io.kizuna.projection.index.ViewTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One view rebuild, start to end:
 *
 * <ol>
 *   <li>creates the next index generation of every view of the job, next to the live one (the aliases stay);
 *   <li>reads the event store from its start under a processing group of its own ({@code <group>-rebuild-<id>}, its
 *       token stored in the token store after every batch), and feeds each batch to a second instance of the
 *       projections' event handlers that writes into the new indices, in a batching unit of work as a processor would;
 *   <li>on reaching the head it saw at the start, catches up with the events stored meanwhile;
 *   <li>closes the {@link LiveViewWrites} gate, writes the last events up to the current head, refreshes the new
 *       indices and swaps every alias of the job to them in one request, then opens the gate: the live processor goes
 *       on writing through the aliases, now into the new indices, which already hold every event it had in hand;
 *   <li>drops the old indices (after a short delay for reads that resolved the alias just before the swap), and any
 *       other index of these views that no alias is on, and the job's token.
 * </ol>
 *
 * A failure before the swap drops the new indices; the aliases never moved.
 *
 * <p>Why the gate: live writes fold events into documents they read through the alias. Without it, a live write could
 * read a document from the old index and write it to the new one after the swap, or apply an event to a new document
 * still missing earlier events of the same customer; the fold would then skip those events for good, as already
 * applied. With every live write held until the new indices hold every stored event, neither can happen, and writes
 * applied twice (by the rebuild and the live processor) change nothing.
 */
final class RebuildRun implements Runnable {

    /** What every run uses. {@code stopping} turns true when the application shuts down. */
    record Context(
            EventStore eventStore,
            TokenStore tokenStore,
            TransactionManager transactionManager,
            ViewIndexGenerations generations,
            LiveViewWrites liveWrites,
            RebuildProperties properties,
            Clock clock,
            BooleanSupplier stopping) {}

    private static final Logger log = LoggerFactory.getLogger(RebuildRun.class);
    private static final int ATTEMPTS_PER_BATCH = 3;
    private static final int CATCH_UP_ROUNDS = 10;

    private final String id;
    private final String group;
    private final Set<ViewIndex> views;
    private final List<RebuildableProjection> projections;
    private final Context context;
    private final Consumer<RebuildRun> onEnd;
    private final Instant startedAt;

    private volatile String state = "RUNNING";
    private volatile long done;
    private volatile long total;
    private volatile long streamStartedNanos;
    private volatile long streamEndedNanos;
    private volatile Instant finishedAt;
    private volatile String outcome;
    private long position = -1;
    private long lastLogNanos;

    RebuildRun(
            String id,
            String group,
            Set<ViewIndex> views,
            List<RebuildableProjection> projections,
            Context context,
            Consumer<RebuildRun> onEnd) {
        this.id = id;
        this.group = group;
        this.views = Set.copyOf(views);
        this.projections = List.copyOf(projections);
        this.context = context;
        this.onEnd = onEnd;
        this.startedAt = context.clock().instant();
    }

    String id() {
        return id;
    }

    Set<ViewIndex> views() {
        return views;
    }

    boolean isRunning() {
        return "RUNNING".equals(state);
    }

    /** Events done of total (global positions), the mean rate since reading began, and the time left at that rate. */
    JobProgress progress() {
        long doneNow = done;
        long totalNow = Math.max(total, doneNow);
        Double rate = null;
        Double eta = null;
        long started = streamStartedNanos;
        if (started != 0) {
            long ended = streamEndedNanos != 0 ? streamEndedNanos : System.nanoTime();
            double seconds = (ended - started) / 1e9;
            if (seconds > 0 && doneNow > 0) {
                rate = doneNow / seconds;
                eta = isRunning() ? (totalNow - doneNow) / rate : 0.0;
            }
        }
        return new JobProgress(
                id, ViewRebuilds.KIND, state, doneNow, totalNow, rate, eta, startedAt, finishedAt, outcome);
    }

    @Override
    public void run() {
        Map<ViewIndex, String> created = new EnumMap<>(ViewIndex.class);
        String endState = "FAILED";
        String endOutcome;
        try {
            log.info("Rebuild {} of views {} started, processing group {}", id, names(), group);
            for (ViewIndex view : views) {
                created.put(view, context.generations().createNext(view));
            }
            ViewTarget target = ViewTarget.rebuild(created);
            List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
            projections.forEach(p -> handlers.add(new AnnotationEventHandlerAdapter(p.writingInto(target))));
            inTransaction(() -> {
                context.tokenStore().initializeTokenSegments(group, 1, null);
                context.tokenStore().fetchToken(group, 0);
            });
            Map<ViewIndex, List<String>> old;
            total = head();
            streamStartedNanos = System.nanoTime();
            try (BlockingStream<TrackedEventMessage<?>> stream =
                    context.eventStore().openStream(null)) {
                streamUntil(stream, total, handlers, null);
                for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
                    long head = head();
                    total = Math.max(total, head);
                    if (head - position <= context.properties().batchSize()) {
                        break;
                    }
                    streamUntil(stream, head, handlers, null);
                }
                Duration maxWait = context.properties().pauseMaxWait();
                long pausedAt = System.nanoTime();
                old = context.liveWrites().closedWhile(maxWait, () -> {
                    long head = head();
                    total = Math.max(total, head);
                    streamUntil(
                            stream, head, handlers, context.clock().instant().plus(maxWait));
                    for (RebuildableProjection projection : projections) {
                        if (!liveSegmentsAllHere(context.tokenStore(), projection.processingGroup())) {
                            throw new IllegalStateException("processor " + projection.processingGroup()
                                    + " now runs on another node too; its writes could not be paused");
                        }
                    }
                    context.generations().refresh(created.values());
                    return context.generations().swap(created);
                });
                streamEndedNanos = System.nanoTime();
                log.info(
                        "Rebuild {}: live view writes paused for {} ms to write the last events and swap the aliases",
                        id,
                        (streamEndedNanos - pausedAt) / 1_000_000);
            }
            endState = "DONE";
            endOutcome = "rebuilt " + names() + " from " + done + " events into " + created.values();
            // the indices the aliases left, and any other index of these views no alias is on (left by a rebuild
            // that a crash cut short, or of an older mapping version)
            List<String> leftovers = new ArrayList<>();
            old.values().forEach(leftovers::addAll);
            try {
                for (ViewIndex view : views) {
                    for (String index : context.generations().indices(view).keySet()) {
                        if (!leftovers.contains(index)) {
                            leftovers.add(index);
                        }
                    }
                }
                leftovers.removeAll(created.values());
                Thread.sleep(context.properties().dropDelay().toMillis());
                context.generations().drop(leftovers);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                endOutcome += "; the old indices could not be dropped: " + e;
                log.warn("Rebuild {}: could not drop the old indices {}", id, leftovers, e);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            endOutcome = e instanceof CancellationException
                    ? "stopped: the application shut down"
                    : "failed: " + e.getMessage();
            log.warn("Rebuild {} of views {} failed; the live views stay as they were", id, names(), e);
            // drops the new indices no alias is on: all of them, unless the swap took effect though its answer was
            // lost, in which case the views are served from them and stay
            try {
                List<String> unused = new ArrayList<>();
                for (Map.Entry<ViewIndex, String> index : created.entrySet()) {
                    if (!context.generations().serving(index.getKey()).contains(index.getValue())) {
                        unused.add(index.getValue());
                    }
                }
                context.generations().drop(unused);
            } catch (Exception dropFailure) {
                log.warn("Rebuild {}: could not drop its new indices {}", id, created.values(), dropFailure);
            }
        }
        try {
            inTransaction(() -> context.tokenStore().deleteToken(group, 0));
        } catch (RuntimeException e) {
            log.warn("Rebuild {}: could not delete the token of processing group {}", id, group, e);
        }
        if (streamEndedNanos == 0 && streamStartedNanos != 0) {
            streamEndedNanos = System.nanoTime();
        }
        // the views are free for the next rebuild before this one says it is over, so that a request that sees it over
        // can start the next
        onEnd.accept(this);
        finishedAt = context.clock().instant();
        outcome = endOutcome;
        state = endState;
        logProgress(true);
    }

    /**
     * Feeds the stream to the handlers in batches until the global position {@code target} is reached; with a
     * {@code deadline}, gives up when it passes.
     */
    private void streamUntil(
            BlockingStream<TrackedEventMessage<?>> stream,
            long target,
            List<AnnotationEventHandlerAdapter> handlers,
            Instant deadline)
            throws Exception {
        int batchSize = context.properties().batchSize();
        while (position < target) {
            if (context.stopping().getAsBoolean()) {
                throw new CancellationException("the application is shutting down");
            }
            if (deadline != null && context.clock().instant().isAfter(deadline)) {
                throw new IllegalStateException("the event store did not deliver the events up to position " + target
                        + " in time (reached " + position + ")");
            }
            if (!stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                continue;
            }
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                batch.add(message);
                if (positionOf(message.trackingToken()) >= target) {
                    break;
                }
            }
            apply(batch, handlers);
            TrackingToken token = batch.get(batch.size() - 1).trackingToken();
            inTransaction(() -> context.tokenStore().storeToken(token, group, 0));
            position = Math.max(position, positionOf(token));
            done = Math.max(0, position);
            logProgress(false);
        }
    }

    /** One batch in one unit of work, as a processor would run it; retried (writes are idempotent) before failing. */
    private void apply(List<TrackedEventMessage<?>> batch, List<AnnotationEventHandlerAdapter> handlers)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            ResultMessage<Object> result = unitOfWork.executeWithResult(
                    () -> {
                        TrackedEventMessage<?> message = unitOfWork.getMessage();
                        for (AnnotationEventHandlerAdapter handler : handlers) {
                            if (handler.canHandle(message)) {
                                handler.handle(message);
                            }
                        }
                        return null;
                    },
                    RollbackConfigurationType.ANY_THROWABLE);
            if (!result.isExceptional()) {
                return;
            }
            Throwable failure = result.exceptionResult();
            if (attempt >= ATTEMPTS_PER_BATCH) {
                throw failure instanceof Exception e ? e : new IllegalStateException(failure);
            }
            log.info("Rebuild {}: batch failed ({}), retrying", id, failure.toString());
            Thread.sleep(1000L * attempt);
        }
    }

    private void logProgress(boolean force) {
        long now = System.nanoTime();
        if (!force
                && now - lastLogNanos
                        < context.properties().progressLogInterval().toNanos()) {
            return;
        }
        lastLogNanos = now;
        JobProgress p = progress();
        log.info(
                "Rebuild {} {}: {} of {} events, {} events/s, {} s left",
                id,
                p.state(),
                p.done(),
                p.total(),
                p.ratePerSecond() == null ? "?" : Math.round(p.ratePerSecond()),
                p.etaSeconds() == null ? "?" : Math.round(p.etaSeconds()));
    }

    private long head() {
        TrackingToken head = context.eventStore().createHeadToken();
        return head == null ? -1 : positionOf(head);
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private void inTransaction(Runnable task) {
        context.transactionManager().executeInTransaction(task);
    }

    private List<String> names() {
        return views.stream().map(ViewIndex::viewName).sorted().toList();
    }

    /** True when no other node holds a live claim on a segment of the processing group. */
    static boolean liveSegmentsAllHere(TokenStore tokenStore, String processingGroup) {
        return tokenStore.fetchAvailableSegments(processingGroup).size()
                == tokenStore.fetchSegments(processingGroup).length;
    }
}
