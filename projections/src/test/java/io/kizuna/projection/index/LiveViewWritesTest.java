package io.kizuna.projection.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveViewWritesTest {

    private final LiveViewWrites gate = new LiveViewWrites();

    @Test
    void aLiveWriteWaitsWhileTheGateIsClosed() throws Exception {
        CompletableFuture<Void> write = new CompletableFuture<>();
        gate.closedWhile(Duration.ofSeconds(1), () -> {
            CompletableFuture.runAsync(() -> gate.write(() -> write.complete(null)));
            Thread.sleep(200);
            assertThat(write).isNotDone();
            return null;
        });
        write.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closingWaitsForTheLiveWritesUnderWayAndGivesUpAfterItsMaximum() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> gate.write(() -> {
            writing.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        writing.await();
        assertThatThrownBy(() -> gate.closedWhile(Duration.ofMillis(100), () -> null))
                .hasMessageContaining("did not pause");
        finish.countDown();
        write.get(5, TimeUnit.SECONDS);
        assertThat(gate.closedWhile(Duration.ofSeconds(1), () -> "closed")).isEqualTo("closed");
    }
}
