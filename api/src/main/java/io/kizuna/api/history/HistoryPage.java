package io.kizuna.api.history;

import java.util.List;

/**
 * One page of a customer's history; {@code cursors} hold one cursor per entry, in the same order;
 * {@code totalCount} counts every entry the filters let through, on all pages.
 */
public record HistoryPage(List<HistoryEntry> entries, List<String> cursors, boolean hasNextPage, long totalCount) {}
