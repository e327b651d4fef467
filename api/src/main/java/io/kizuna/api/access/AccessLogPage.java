package io.kizuna.api.access;

import java.util.List;

/**
 * One page of the access log, newest first; {@code cursors} hold one cursor per entry, in the same order, and
 * {@code totalCount} counts every entry matching the filters.
 */
public record AccessLogPage(List<AccessLogEntry> entries, List<String> cursors, boolean hasNextPage, long totalCount) {}
