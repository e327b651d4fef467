package io.kizuna.api.customer;

import io.kizuna.api.consistency.ReadConsistency;
import java.util.List;

/** One page of a customer search; {@code cursors} hold one cursor per customer, in the same order. */
public record CustomerPage(
        List<CustomerProfile> customers,
        List<String> cursors,
        boolean hasNextPage,
        long totalCount,
        ReadConsistency consistency) {}
