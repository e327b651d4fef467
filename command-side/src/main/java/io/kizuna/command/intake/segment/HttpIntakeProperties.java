package io.kizuna.command.intake.segment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP intake ({@code kizuna.intake.http.*}); the size and count limits are Segment's own.
 *
 * @param maxConcurrentRequests intake requests served at once; more are answered 429 (default 64)
 * @param retryAfter what a 429 tells the client to wait (default 1 s)
 * @param maxMessageSize largest message, alone or in a batch (default 32 KB)
 * @param maxBatchSize largest batch request body, after gzip decoding (default 500 KB)
 * @param maxBatchMessages most messages in one batch (default 2,500)
 */
@ConfigurationProperties("kizuna.intake.http")
public record HttpIntakeProperties(
        @DefaultValue("64") int maxConcurrentRequests,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("32KB") DataSize maxMessageSize,
        @DefaultValue("500KB") DataSize maxBatchSize,
        @DefaultValue("2500") int maxBatchMessages) {}
