package io.kizuna.query.segment.evaluation;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.segment.FindSegmentEvaluation;
import io.kizuna.api.segment.RecordSegmentEvaluationFinished;
import io.kizuna.api.segment.RecordSegmentMemberships;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentEvaluation;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.query.segment.catalog.SegmentCatalogReader;
import io.kizuna.query.segment.catalog.SegmentCatalogReader.Evaluated;
import io.kizuna.query.segment.membership.ProfileActivity;
import io.kizuna.query.segment.membership.RecheckPlanner;
import io.kizuna.query.segment.rule.SegmentRuleTranslator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates every customer against a segment whenever the catalog gets a new version of it (on any node), in the
 * background, with progress for GraphQL and the log; the same rule, translated the same way, that the live path
 * evaluates after each change, so both give the same answer.
 *
 * <p>One evaluation: wait until the profile view shows every event stored so far, fix {@code now}, then read from the
 * view (in id order, {@code search_after}) the customers the rule selects at {@code now} (members) and those the view
 * shows in the segment that it no longer selects (leavers), merged-away customers excepted, and send each a
 * {@link RecordSegmentMemberships} with cause {@code definition}, a bounded number at a time. The customer records an
 * entry or exit only when its membership changes, so evaluating twice changes nothing. The catalog then records the
 * version evaluated ({@link RecordSegmentEvaluationFinished}); a version not recorded is evaluated again after a
 * restart. A version that only renames or redescribes its segment (the same rule as the version last evaluated) is
 * recorded at once, with no scan.
 *
 * <p>A rule that time alone can change (a window, a recency, {@code first_seen}) is also planned for: every customer
 * scanned, members, leavers and the rest, gets a {@link ScheduleSegmentRecheck} at the next instant time can change
 * its answer ({@link RecheckPlanner}, as on the live path), so a customer who is due to enter or leave without any
 * new event does so on time, not at its next event.
 *
 * <p>Segments that refer to a changed one ({@code segment(x)}) are evaluated again once its evaluation is done and
 * the view shows the resulting memberships: one hop per evaluation, so a chain settles after one evaluation per link.
 * Until then (and after a restart that interrupts it) a dependent segment may lag behind; its members catch up as soon
 * as they next change, on the live path.
 */
@Component
public class SegmentEvaluations implements SmartLifecycle {

    static final String CAUSE = "definition";
    private static final Logger log = LoggerFactory.getLogger(SegmentEvaluations.class);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final SegmentCatalogReader catalog;
    private final ProfileScan scan;
    private final ViewCatchUp views;
    private final Clock clock;
    private final SegmentEvaluationProperties properties;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "segment-evaluation"));
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public SegmentEvaluations(
            CommandGateway commands,
            EventStore eventStore,
            SegmentCatalogReader catalog,
            ProfileScan scan,
            ViewCatchUp views,
            Clock clock,
            SegmentEvaluationProperties properties) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.scan = scan;
        this.views = views;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts following the catalog once the platform can take commands. */
    @EventListener(ApplicationReadyEvent.class)
    public void followCatalogFromNowOn() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "segment-catalog"));
        poller.scheduleWithFixedDelay(
                this::followCatalog, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues an evaluation of every segment whose latest version has not been evaluated (or failed a while ago). */
    void followCatalog() {
        try {
            for (Segment segment : catalog.segments()) {
                if (evaluatedVersion(segment.id()) >= segment.version()) {
                    continue;
                }
                Progress known = progress.get(key(segment.id(), segment.version()));
                boolean retry = known != null
                        && "FAILED".equals(known.state)
                        && clock.instant().isAfter(known.finishedAt.plus(properties.retryAfter()));
                if (known == null || retry) {
                    queue(segment, false);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the segment catalog: {}", e.toString());
        }
    }

    /**
     * The evaluation of a segment's latest version: PENDING, RUNNING, DONE or FAILED on this node; DONE when the
     * catalog records it finished; PENDING until a node starts it. Null for an unknown segment.
     */
    @QueryHandler
    public SegmentEvaluation handle(FindSegmentEvaluation query) {
        Segment latest = query.segmentId() == null
                ? null
                : catalog.latest(query.segmentId()).orElse(null);
        if (latest == null) {
            return null;
        }
        Progress here = progress.get(key(latest.id(), latest.version()));
        if (here != null) {
            return here.view(clock.instant());
        }
        Optional<Evaluated> done = catalog.evaluated(latest.id());
        if (done.isPresent() && done.get().version() >= latest.version()) {
            long customers = done.get().customers();
            return new SegmentEvaluation(
                    latest.id(),
                    latest.version(),
                    "DONE",
                    customers,
                    customers,
                    0,
                    null,
                    null,
                    done.get().event().finishedAt(),
                    null);
        }
        return new SegmentEvaluation(latest.id(), latest.version(), "PENDING", 0, 0, 0, null, null, null, null);
    }

    private void queue(Segment segment, boolean dependent) {
        Progress p = new Progress(segment.id(), segment.version(), dependent);
        progress.put(key(segment.id(), segment.version()), p);
        worker.submit(() -> run(p));
    }

    private int evaluatedVersion(String segmentId) {
        return catalog.evaluated(segmentId).map(Evaluated::version).orElse(0);
    }

    private void run(Progress p) {
        if (!running) {
            return;
        }
        try {
            catalog.refresh();
            Segment segment = catalog.version(p.segmentId, p.version).orElseThrow();
            if (superseded(p)) {
                progress.remove(key(p.segmentId, p.version), p); // the newer version is evaluated instead
                return;
            }
            if (!p.dependent && sameRuleAsEvaluated(segment)) {
                Evaluated before = catalog.evaluated(p.segmentId).orElseThrow();
                commands.sendAndWait(new RecordSegmentEvaluationFinished(
                        SegmentCatalog.ID, p.segmentId, p.version, 0, before.members(), clock.instant()));
                p.finish("DONE", null, clock.instant());
                log.info("Segment {} v{}: the rule is unchanged, nothing to evaluate", p.segmentId, p.version);
                return;
            }
            if (!views.await(headPosition(), properties.viewWait())) {
                log.info(
                        "Segment {} v{}: the profile view may lag behind; evaluating it as it is",
                        p.segmentId,
                        p.version);
            }
            Instant now = clock.instant();
            p.start(now);
            SegmentRule rule = SegmentRules.parse(segment.definition().rule());
            Query matches = SegmentRuleTranslator.toQuery(rule, now);
            Query members = ProfileScan.members(matches);
            Query leavers = ProfileScan.leavers(p.segmentId, matches);
            // a rule time alone can change also needs a recheck planned for everyone it may yet take in or let go
            boolean timed = SegmentRules.dependsOnTime(rule);
            Query others = ProfileScan.others(p.segmentId, matches);
            p.total.set(scan.count(members) + scan.count(leavers) + (timed ? scan.count(others) : 0));
            log.info(
                    "Evaluating segment {} v{}{} over the profile view: {} customers to record",
                    p.segmentId,
                    p.version,
                    p.dependent ? " (a segment it refers to changed)" : "",
                    p.total.get());
            Semaphore permits = new Semaphore(properties.concurrency());
            int page = properties.pageSize();
            boolean complete = timed
                    ? scan.forEachProfile(
                                    members,
                                    page,
                                    (id, profile) ->
                                            send(p, id, Outcome.MEMBER, recheck(rule, profile, now), permits, now))
                            && scan.forEachProfile(
                                    leavers,
                                    page,
                                    (id, profile) ->
                                            send(p, id, Outcome.LEAVER, recheck(rule, profile, now), permits, now))
                            && scan.forEachProfile(
                                    others,
                                    page,
                                    (id, profile) ->
                                            send(p, id, Outcome.UNCHANGED, recheck(rule, profile, now), permits, now))
                    : scan.forEachId(members, page, id -> send(p, id, Outcome.MEMBER, null, permits, now))
                            && scan.forEachId(leavers, page, id -> send(p, id, Outcome.LEAVER, null, permits, now));
            permits.acquire(properties.concurrency());
            if (!complete) {
                p.finish("FAILED", "stopped", clock.instant());
                if (running) {
                    progress.remove(key(p.segmentId, p.version), p); // superseded: the newer version is evaluated
                }
                return;
            }
            if (p.failed.get() > 0) {
                p.finish(
                        "FAILED",
                        p.failed.get() + " customers could not be evaluated; see the log (retried in "
                                + properties.retryAfter().toSeconds() + " s)",
                        clock.instant());
                return;
            }
            if (evaluatedVersion(p.segmentId) < p.version) {
                commands.sendAndWait(new RecordSegmentEvaluationFinished(
                        SegmentCatalog.ID, p.segmentId, p.version, p.done.get(), p.members.get(), now));
            }
            p.finish("DONE", null, clock.instant());
            log.info(
                    "Segment {} v{}: all {} customers evaluated, {} members",
                    p.segmentId,
                    p.version,
                    p.done.get(),
                    p.members.get());
            if (p.version > 1 || p.dependent) {
                queueDependents(p.segmentId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            p.finish("FAILED", e.toString(), clock.instant());
            log.error("Evaluating segment {} v{} failed", p.segmentId, p.version, e);
        }
    }

    /** What one evaluation found for a customer. */
    private enum Outcome {
        MEMBER,
        LEAVER,
        /** not a member before or after: only a recheck may be due */
        UNCHANGED
    }

    /** The next instant at which time alone can change the customer's answer to {@code rule}, null for none. */
    private static Instant recheck(SegmentRule rule, ProfileActivity profile, Instant now) {
        return profile == null
                ? null
                : RecheckPlanner.next(List.of(rule), profile.forPlanner(), now).orElse(null);
    }

    /**
     * Sends one customer's outcome, and then its recheck if time can change it, waiting while {@code concurrency}
     * customers are in flight; false to stop the scan. The customer keeps only its earliest pending recheck, and the
     * live path plans the next one from all segments when it falls due.
     */
    private boolean send(
            Progress p, String customerId, Outcome outcome, Instant recheckAt, Semaphore permits, Instant now) {
        if (!running || superseded(p)) {
            return false;
        }
        if (outcome == Outcome.UNCHANGED && recheckAt == null) {
            p.done.incrementAndGet();
            return true;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        CompletableFuture<Object> recorded = outcome == Outcome.UNCHANGED
                ? CompletableFuture.completedFuture(null)
                : commands.send(new RecordSegmentMemberships(
                        customerId,
                        Map.of(p.segmentId, p.version),
                        outcome == Outcome.MEMBER ? Set.of(p.segmentId) : Set.of(),
                        CAUSE,
                        null,
                        null,
                        now));
        recorded.thenCompose(result -> recheckAt == null
                        ? CompletableFuture.completedFuture(result)
                        : commands.send(new ScheduleSegmentRecheck(customerId, recheckAt)))
                .whenComplete((result, error) -> {
                    permits.release();
                    if (error != null && !skippable(error)) {
                        p.failed.incrementAndGet();
                        log.warn(
                                "Segment {} v{}: recording the evaluation failed: {}",
                                p.segmentId,
                                p.version,
                                error.toString());
                    } else if (error == null && outcome == Outcome.MEMBER) {
                        p.members.incrementAndGet();
                    }
                    p.done.incrementAndGet();
                });
        logProgress(p);
        return true;
    }

    private void logProgress(Progress p) {
        Instant now = clock.instant();
        if (Duration.between(p.lastLog, now).compareTo(properties.progressLogInterval()) < 0) {
            return;
        }
        p.lastLog = now;
        SegmentEvaluation view = p.view(now);
        log.info(
                "Segment {} v{}: {}/{} customers evaluated, {}/s, ETA {} s",
                p.segmentId,
                p.version,
                view.done(),
                view.total(),
                Math.round(view.ratePerSecond()),
                view.etaSeconds() == null ? "?" : Math.round(view.etaSeconds()));
    }

    /** A version whose rule equals that of the version last evaluated needs no scan. */
    private boolean sameRuleAsEvaluated(Segment segment) {
        return catalog.evaluated(segment.id())
                .flatMap(e -> catalog.version(segment.id(), e.version()))
                .map(before ->
                        before.definition().rule().equals(segment.definition().rule()))
                .orElse(false);
    }

    /** Queues the latest version of every segment whose rule refers to {@code segmentId}. */
    private void queueDependents(String segmentId) {
        for (Segment other : catalog.segments()) {
            if (!other.id().equals(segmentId) && refersTo(other, segmentId)) {
                log.info("Segment {} refers to segment {}, which changed: evaluating it again", other.id(), segmentId);
                queue(other, true);
            }
        }
    }

    private static boolean refersTo(Segment segment, String segmentId) {
        try {
            return SegmentRules.referencedSegments(
                            SegmentRules.parse(segment.definition().rule()))
                    .contains(segmentId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean superseded(Progress p) {
        return catalog.latest(p.segmentId).map(s -> s.version() > p.version).orElse(false);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static boolean skippable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CustomerMergedException || t instanceof AggregateNotFoundException) {
                return true; // merged away after the page was read: the survivor is evaluated on its own
            }
        }
        return false;
    }

    private static String key(String segmentId, int version) {
        return segmentId + "@" + version;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Progress of one evaluation of one segment version. */
    private static final class Progress {
        final String segmentId;
        final int version;
        final boolean dependent;
        final AtomicLong total = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicLong members = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String state = "PENDING";
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile Instant lastLog = Instant.EPOCH;
        volatile String error;

        Progress(String segmentId, int version, boolean dependent) {
            this.segmentId = segmentId;
            this.version = version;
            this.dependent = dependent;
        }

        void start(Instant at) {
            startedAt = at;
            lastLog = at;
            state = "RUNNING";
        }

        void finish(String finalState, String why, Instant at) {
            error = why;
            finishedAt = at;
            if (startedAt == null) {
                startedAt = at;
            }
            state = finalState;
        }

        SegmentEvaluation view(Instant now) {
            long d = done.get();
            long t = Math.max(total.get(), d);
            if (startedAt == null) {
                return new SegmentEvaluation(segmentId, version, state, d, t, 0, null, null, finishedAt, error);
            }
            Instant end = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis() / 1000.0, 0.001);
            double rate = d / seconds;
            Double eta = "RUNNING".equals(state) && rate > 0 && t > 0 ? (t - d) / rate : null;
            return new SegmentEvaluation(segmentId, version, state, d, t, rate, eta, startedAt, finishedAt, error);
        }
    }
}
