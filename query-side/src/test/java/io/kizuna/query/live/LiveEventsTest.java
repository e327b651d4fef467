package io.kizuna.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

class LiveEventsTest {

    record Greeting(String text) {}

    record Other(int n) {}

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final LiveEvents live = new LiveEvents(store);

    @AfterEach
    void close() {
        live.stop();
        store.shutDown();
    }

    @Test
    void subscribersGetPayloadsOfTheirTypeAppendedAfterTheySubscribed() {
        store.publish(asEventMessage(new Greeting("before")));
        List<Greeting> received = new CopyOnWriteArrayList<>();
        Disposable subscription = live.events(Greeting.class).subscribe(received::add);

        store.publish(asEventMessage(new Other(1)), asEventMessage(new Greeting("after")));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received).containsExactly(new Greeting("after"));
        subscription.dispose();
    }

    @Test
    void theTailStopsWithTheLastSubscriberAndStartsAgainFromTheHeadWithTheNext() {
        Disposable first = live.events(Greeting.class).subscribe();
        Disposable second = live.events(Other.class).subscribe();
        assertThat(live.tailing()).isTrue();

        first.dispose();
        assertThat(live.tailing()).isTrue();
        second.dispose();
        assertThat(live.tailing()).isFalse();
        assertThat(live.subscribers()).isZero();

        store.publish(asEventMessage(new Greeting("while nobody listened")));
        List<Greeting> received = new CopyOnWriteArrayList<>();
        Disposable again = live.events(Greeting.class).subscribe(received::add);
        store.publish(asEventMessage(new Greeting("later")));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received).containsExactly(new Greeting("later"));
        again.dispose();
    }

    @Test
    void aStalledSubscriberLosesTheOldestEventsWithoutHoldingUpTheOthers() {
        List<Greeting> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscription = live.events(Greeting.class).subscribe(fast::add);
        List<Greeting> slow = new CopyOnWriteArrayList<>();
        BaseSubscriber<Greeting> stalled = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // requests nothing until told to
            }

            @Override
            protected void hookOnNext(Greeting greeting) {
                slow.add(greeting);
            }
        };
        live.events(Greeting.class).subscribe(stalled);

        int count = LiveEvents.BUFFER_PER_SUBSCRIBER * 8;
        Greeting last = new Greeting("g" + (count - 1));
        store.publish(IntStream.range(0, count)
                .mapToObj(i -> asEventMessage(new Greeting("g" + i)))
                .toList());

        await().atMost(Duration.ofSeconds(5)).until(() -> fast.contains(last));
        stalled.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.contains(last));
        assertThat(slow.size()).isLessThan(count);
        stalled.dispose();
        fastSubscription.dispose();
    }

    @Test
    void shutdownCompletesEverySubscriptionAndRefusesNewOnes() {
        AtomicBoolean completed = new AtomicBoolean();
        live.events(Greeting.class).subscribe(g -> {}, e -> {}, () -> completed.set(true));

        live.stop();

        await().atMost(Duration.ofSeconds(5)).untilTrue(completed);
        assertThat(live.tailing()).isFalse();
        assertThat(live.events(Greeting.class).collectList().block(Duration.ofSeconds(1)))
                .isEmpty();
    }
}
