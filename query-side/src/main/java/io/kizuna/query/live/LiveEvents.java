package io.kizuna.query.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Event payloads as the event store receives them, from every node, for live subscribers (GraphQL subscriptions).
 *
 * <p>While anyone subscribes, one daemon thread tails the event store from its head at the moment the first
 * subscriber came; when the last one leaves the tail stops, and the next subscriber starts a new one from the head
 * then. It reads the store itself rather than an in-JVM event bus so that it sees the writes of every node. Payloads
 * are deserialized only when some subscriber wants their type.
 *
 * <p>Best effort, by design: a subscriber that falls more than {@value #BUFFER_PER_SUBSCRIBER} events behind loses
 * the oldest ones rather than slowing the tail or the other subscribers, and events appended while nobody listens
 * are never delivered. Readers that must not miss anything use the views.
 */
@Component
public class LiveEvents implements SmartLifecycle {

    static final int BUFFER_PER_SUBSCRIBER = 1024;

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final EventStore eventStore;
    private final Object emitLock = new Object();

    // guarded by this
    private final Map<Class<?>, Integer> wanted = new HashMap<>();
    private Sinks.Many<Object> sink = newSink();
    private int subscribers;
    private Tail tail;
    private boolean closed;

    /** Types some subscriber wants; read by the tail without locking. */
    private volatile Set<Class<?>> wantedTypes = Set.of();

    public LiveEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Payloads of {@code type} (or a subtype) appended to the event store from the moment of subscription on, in
     * order of the store. Completes when the platform shuts down.
     */
    public <T> Flux<T> events(Class<T> type) {
        return events(List.<Class<?>>of(type)).map(type::cast);
    }

    /**
     * Payloads of any of {@code types} (or their subtypes), as {@link #events(Class)}. One subscription for several
     * types keeps them in the order of the store, which separate subscriptions merged would not.
     */
    public Flux<Object> events(List<Class<?>> types) {
        return Flux.defer(() -> {
            Sinks.Many<Object> attached = attach(types);
            if (attached == null) {
                return Flux.empty();
            }
            return attached.asFlux()
                    .filter(payload -> types.stream().anyMatch(type -> type.isInstance(payload)))
                    .onBackpressureBuffer(
                            BUFFER_PER_SUBSCRIBER,
                            dropped -> log.debug(
                                    "A slow live subscriber lost a {}",
                                    dropped.getClass().getSimpleName()),
                            BufferOverflowStrategy.DROP_OLDEST)
                    .publishOn(Schedulers.boundedElastic())
                    .doFinally(signal -> detach(types));
        });
    }

    /** How many subscriptions are open now. */
    public synchronized int subscribers() {
        return subscribers;
    }

    /** Whether the store is being tailed now. */
    public synchronized boolean tailing() {
        return tail != null;
    }

    private synchronized Sinks.Many<Object> attach(List<Class<?>> types) {
        if (closed) {
            return null;
        }
        types.forEach(type -> wanted.merge(type, 1, Integer::sum));
        wantedTypes = Set.copyOf(wanted.keySet());
        subscribers++;
        if (tail == null) {
            // The head is taken here, not on the tail's thread: whatever is appended once events() has been
            // subscribed to is seen.
            tail = new Tail(eventStore.createHeadToken());
            tail.start();
        }
        return sink;
    }

    private synchronized void detach(List<Class<?>> types) {
        types.forEach(type -> wanted.computeIfPresent(type, (t, n) -> n == 1 ? null : n - 1));
        wantedTypes = Set.copyOf(wanted.keySet());
        subscribers--;
        if (subscribers == 0 && tail != null) {
            tail.stop();
            tail = null;
        }
    }

    private boolean isWanted(Class<?> payloadType) {
        for (Class<?> type : wantedTypes) {
            if (type.isAssignableFrom(payloadType)) {
                return true;
            }
        }
        return false;
    }

    private void publish(Tail from, TrackedEventMessage<?> message) {
        if (!isWanted(message.getPayloadType())) {
            return;
        }
        Object payload;
        try {
            payload = message.getPayload();
        } catch (RuntimeException e) {
            log.warn("Live events skip event {}: its payload cannot be read", message.getIdentifier(), e);
            return;
        }
        Sinks.Many<Object> target;
        synchronized (this) {
            if (tail != from) {
                return; // a stopped tail finishing its last poll
            }
            target = sink;
        }
        synchronized (emitLock) {
            Sinks.EmitResult result = target.tryEmitNext(payload);
            if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                log.debug("Live event {} not delivered: {}", message.getIdentifier(), result);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (closed) {
            sink = newSink();
            closed = false;
        }
    }

    /** Stops the tail and completes every subscription: clients see their subscriptions end, not hang. */
    @Override
    public void stop() {
        Tail stopped;
        Sinks.Many<Object> completed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopped = tail;
            tail = null;
            completed = sink;
        }
        if (stopped != null) {
            stopped.stop();
            stopped.awaitStopped(POLL.multipliedBy(4));
        }
        synchronized (emitLock) {
            completed.tryEmitComplete();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !closed;
    }

    /** Stops before everything else (web server, Axon's event store), so that subscriptions end cleanly. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static Sinks.Many<Object> newSink() {
        // directBestEffort: emitting never blocks and never fails because one subscriber lacks demand; the
        // per-subscriber buffer in events() decides what a slow one loses.
        return Sinks.many().multicast().directBestEffort();
    }

    /** One run of tailing the store, on its own daemon thread, from a position on. */
    private final class Tail implements Runnable {

        private final Thread thread;
        private volatile boolean running = true;
        private TrackingToken position;

        Tail(TrackingToken from) {
            this.position = from;
            this.thread = new Thread(this, "kizuna-live-events");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /**
         * Asks the thread to stop at its next poll. It is not interrupted: an interrupt during a read of the store
         * can close the embedded database's file channel.
         */
        void stop() {
            running = false;
        }

        void awaitStopped(Duration timeout) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (running) {
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(position)) {
                    while (running) {
                        if (stream.hasNextAvailable((int) POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                            TrackedEventMessage<?> message = stream.nextAvailable();
                            position = message.trackingToken();
                            publish(this, message);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    log.warn("Live event stream failed after {}; reopening in {}", position, RETRY, e);
                    pause();
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
