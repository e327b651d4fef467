package io.kizuna.api.segment;

/**
 * The members of a segment, a page at a time ({@code first} 1–100, {@code after} a cursor of the previous page).
 * Answered with {@link io.kizuna.api.customer.CustomerPage}.
 */
public record FindSegmentMembers(String segmentId, int first, String after) {}
