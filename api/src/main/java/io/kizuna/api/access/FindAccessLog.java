package io.kizuna.api.access;

import java.time.Instant;

/**
 * Who read customer history, newest first? Every filter is optional: {@code from} inclusive and {@code to} exclusive
 * on the time of the read, {@code actor} exact, {@code customerId} exact. {@code first} is the page size (1 to the
 * configured maximum), {@code after} a cursor from a previous page. Answers with an {@link AccessLogPage}.
 */
public record FindAccessLog(Instant from, Instant to, String actor, String customerId, int first, String after) {}
