package io.kizuna.api.customer;

import io.kizuna.api.consistency.ReadConsistency;
import java.util.List;

/** One page of a customer's timeline; {@code cursors} hold one cursor per entry, in the same order. */
public record TimelinePage(
        List<TimelineEntry> entries, List<String> cursors, boolean hasNextPage, ReadConsistency consistency) {}
