package io.kizuna.command.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per caller (an API key's id, a write key's hash): each holds up to
 * {@code kizuna.security.rate-limit.burst} requests (default 200) and refills at
 * {@code kizuna.security.rate-limit.requests-per-second} (default 100). A request finding its bucket empty is
 * refused with how long to wait. Buckets are per node; {@code requests-per-second=0} turns the limit off.
 */
@Component
public class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(
            @Value("${kizuna.security.rate-limit.requests-per-second:100}") double perSecond,
            @Value("${kizuna.security.rate-limit.burst:200}") double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();
    }

    /** Takes one request from the caller's bucket: {@link Duration#ZERO} if allowed, else how long to wait. */
    public Duration acquire(String caller) {
        if (perSecond <= 0) {
            return Duration.ZERO;
        }
        return buckets.get(caller, c -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    /** Seconds to put in a Retry-After header: at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized Duration take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
        }
    }
}
