package io.kizuna.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    @Test
    void keepsEntriesUntilRemoved() {
        AggregateCache cache = new AggregateCache(10);
        cache.put("c-1", "customer one");
        System.gc();
        assertThat((String) cache.get("c-1")).isEqualTo("customer one");
        assertThat(cache.putIfAbsent("c-1", "other")).isFalse();
        assertThat(cache.remove("c-1")).isTrue();
        assertThat(cache.containsKey("c-1")).isFalse();
    }

    @Test
    void staysWithinItsSize() {
        AggregateCache cache = new AggregateCache(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("c-" + i, i);
        }
        long kept = java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> cache.containsKey("c-" + i))
                .count();
        assertThat(kept).isLessThanOrEqualTo(100);
    }
}
