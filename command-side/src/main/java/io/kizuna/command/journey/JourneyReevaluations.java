package io.kizuna.command.journey;

import io.kizuna.api.journey.DefineJourneyModel;
import io.kizuna.api.journey.FindJourneyReevaluation;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyReevaluation;
import io.kizuna.api.journey.RecordReevaluationFinished;
import io.kizuna.api.journey.ReevaluateAccountJourney;
import io.kizuna.api.journey.ReevaluateJourney;
import io.kizuna.api.merge.CustomerMergedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every customer's journey stages current with the models: defines the built-in models on first start, and
 * whenever a model gets a new version (on any node) re-evaluates every customer under it in the background, with
 * progress for GraphQL and the log. A re-evaluation is done once the catalog records it finished; one interrupted by
 * a restart starts again (re-evaluating a customer twice changes nothing).
 */
@Component
public class JourneyReevaluations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyReevaluations.class);
    private static final String CUSTOMER = "Customer";
    private static final String ACCOUNT = "Account";
    /** A failed re-evaluation starts again after this long. */
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    /** Reading the store to its head gives up after this long without any event. */
    private static final int MAX_IDLE_SECONDS = 30;

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final JourneyModelRegistry registry;
    private final Clock clock;
    private final Duration pollInterval;
    private final int inFlight;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> daemon(r, "journey-reevaluation"));
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public JourneyReevaluations(
            CommandGateway commands,
            EventStore eventStore,
            JourneyModelRegistry registry,
            Clock clock,
            @Value("${kizuna.journeys.poll-interval:2s}") Duration pollInterval,
            @Value("${kizuna.journeys.reevaluation-concurrency:8}") int inFlight) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.registry = registry;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.inFlight = inFlight;
    }

    /** The built-in models, defined once the platform can take commands; a model that exists is left as it is. */
    @EventListener(ApplicationReadyEvent.class)
    public void defineBuiltInModels() {
        for (JourneyModelDefinition model : BuiltInJourneyModels.all()) {
            defineBuiltIn(model);
        }
        registry.refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "journey-models"));
        poller.scheduleWithFixedDelay(this::followCatalog, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Defines a built-in model unless it exists; another node starting at the same moment may win the race. */
    private void defineBuiltIn(JourneyModelDefinition model) {
        for (int attempt = 1; ; attempt++) {
            registry.refresh();
            if (registry.catalog().latest(model.id()).isPresent()) {
                return;
            }
            try {
                commands.sendAndWait(new DefineJourneyModel(JourneyCatalog.ID, model, true));
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    log.error("Could not define the built-in journey model {}", model.id(), e);
                    return;
                }
            }
        }
    }

    /** Refreshes the models and starts a re-evaluation for every model version not yet re-evaluated. */
    void followCatalog() {
        try {
            registry.refresh();
            for (JourneyModel model : registry.all()) {
                String key = model.id() + "@" + model.version();
                Progress known = progress.get(key);
                boolean retry = known != null
                        && "FAILED".equals(known.state)
                        && clock.instant().isAfter(known.finishedAt.plus(RETRY_AFTER));
                if (registry.reevaluatedVersion(model.id()) < model.rulesVersion() && (known == null || retry)) {
                    Progress p = new Progress(model.id(), model.version(), clock.instant());
                    progress.put(key, p);
                    workers.submit(() -> run(p));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the journey catalog: {}", e.toString());
        }
    }

    /**
     * The re-evaluation of a model's latest version: RUNNING (or DONE, FAILED) on this node, PENDING until a node
     * starts it, or DONE when the catalog records it finished; null for a model with no version.
     */
    @QueryHandler
    public JourneyReevaluation handle(FindJourneyReevaluation query) {
        JourneyModel latest = registry.catalog().latest(query.model()).orElse(null);
        if (latest == null) {
            return null;
        }
        Progress running = progress.get(query.model() + "@" + latest.version());
        if (running != null) {
            return running.view(clock.instant());
        }
        if (registry.reevaluatedVersion(query.model()) >= latest.rulesVersion()) {
            return new JourneyReevaluation(query.model(), latest.version(), "DONE", 0, 0, 0, null, null, null, null);
        }
        return new JourneyReevaluation(query.model(), latest.version(), "PENDING", 0, 0, 0, null, null, null, null);
    }

    private void run(Progress p) {
        try {
            boolean perAccount = registry.catalog()
                    .version(p.model, p.version)
                    .map(m -> m.definition().perAccount())
                    .orElse(false);
            List<Object> targets = new ArrayList<>();
            for (Map.Entry<String, String> stream : streams(perAccount)) {
                targets.add(
                        stream.getKey().equals(CUSTOMER)
                                ? new ReevaluateJourney(stream.getValue(), p.model, p.version)
                                : new ReevaluateAccountJourney(stream.getValue(), p.model, p.version));
            }
            p.total.set(targets.size());
            log.info(
                    "Re-evaluating {} customers{} under journey model {} version {}",
                    targets.size(),
                    perAccount ? " and accounts" : "",
                    p.model,
                    p.version);
            Semaphore permits = new Semaphore(inFlight);
            Instant lastLog = clock.instant();
            for (Object command : targets) {
                if (!running) {
                    return;
                }
                permits.acquire();
                CompletableFuture<Object> sent = commands.send(command);
                sent.whenComplete((result, error) -> {
                    permits.release();
                    if (error != null && !skippable(error)) {
                        p.failed.incrementAndGet();
                        log.warn("Re-evaluation failed ({}): {}", command, error.toString());
                    }
                    p.done.incrementAndGet();
                });
                if (Duration.between(lastLog, clock.instant()).toSeconds() >= 5) {
                    lastLog = clock.instant();
                    JourneyReevaluation view = p.view(lastLog);
                    log.info(
                            "Journey model {} v{}: {}/{} re-evaluated, {}/s, ETA {} s",
                            p.model,
                            p.version,
                            view.done(),
                            view.total(),
                            Math.round(view.ratePerSecond()),
                            view.etaSeconds() == null ? "?" : Math.round(view.etaSeconds()));
                }
            }
            permits.acquire(inFlight);
            if (p.failed.get() > 0) {
                p.finish(
                        "FAILED",
                        p.failed.get() + " customers or accounts could not be re-evaluated; see the log",
                        clock.instant());
                return;
            }
            commands.sendAndWait(new RecordReevaluationFinished(JourneyCatalog.ID, p.model, p.version, targets.size()));
            p.finish("DONE", null, clock.instant());
            log.info("Journey model {} v{}: all {} re-evaluated", p.model, p.version, targets.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            p.finish("FAILED", e.toString(), clock.instant());
            log.error("Re-evaluating journey model {} v{} failed", p.model, p.version, e);
        }
    }

    private static boolean skippable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CustomerMergedException || t instanceof AggregateNotFoundException) {
                return true; // merged-away customers follow their survivor
            }
        }
        return false;
    }

    /**
     * Every customer stream (and account stream, when asked) started so far, as (aggregate type, id) in the order
     * they started, read from the event store (works on every storage engine).
     */
    private List<Map.Entry<String, String>> streams(boolean accounts) {
        TrackingToken head = eventStore.createHeadToken();
        long end = head == null ? -1 : head.position().orElse(-1);
        List<Map.Entry<String, String>> ids = new ArrayList<>();
        if (end < 0) {
            return ids;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            int idle = 0;
            while (true) {
                if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    if (++idle >= MAX_IDLE_SECONDS) {
                        throw new IllegalStateException(
                                "the event store stopped short of its head while listing streams");
                    }
                    continue;
                }
                idle = 0;
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (message instanceof DomainEventMessage<?> event
                        && event.getSequenceNumber() == 0
                        && (CUSTOMER.equals(event.getType()) || (accounts && ACCOUNT.equals(event.getType())))) {
                    ids.add(Map.entry(event.getType(), event.getAggregateIdentifier()));
                }
                if (message.trackingToken().position().orElse(Long.MAX_VALUE) >= end) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing streams", e);
        }
        return ids;
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
        workers.shutdownNow();
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

    /** Progress of one model version's re-evaluation. */
    private static final class Progress {
        final String model;
        final int version;
        final Instant startedAt;
        final AtomicLong total = new AtomicLong(-1);
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String state = "RUNNING";
        volatile String error;
        volatile Instant finishedAt;

        Progress(String model, int version, Instant startedAt) {
            this.model = model;
            this.version = version;
            this.startedAt = startedAt;
        }

        void finish(String finalState, String why, Instant at) {
            error = why;
            finishedAt = at;
            state = finalState;
        }

        JourneyReevaluation view(Instant now) {
            long d = done.get();
            long t = Math.max(total.get(), 0);
            Instant end = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis() / 1000.0, 0.001);
            double rate = d / seconds;
            Double eta = "RUNNING".equals(state) && rate > 0 && t > 0 ? (t - d) / rate : null;
            return new JourneyReevaluation(model, version, state, d, t, rate, eta, startedAt, finishedAt, error);
        }
    }
}
