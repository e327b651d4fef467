package io.kizuna.graphql.consistency;

import graphql.GraphQLContext;
import io.kizuna.api.consistency.ReadConsistency;

/**
 * Collects how consistent the reads of one GraphQL request were, for the response's
 * {@code extensions.consistency}: {@code REACHED}, or {@code TIMED_OUT} if any read gave up waiting.
 */
public final class ConsistencyReport {

    static final String CONTEXT_KEY = ConsistencyReport.class.getName();

    private ReadConsistency worst = ReadConsistency.NOT_REQUESTED;

    /** Records the consistency of one read in the request's report, if the request has one. */
    public static void record(GraphQLContext context, ReadConsistency consistency) {
        ConsistencyReport report = context.get(CONTEXT_KEY);
        if (report != null) {
            report.add(consistency);
        }
    }

    synchronized void add(ReadConsistency consistency) {
        if (consistency.ordinal() > worst.ordinal()) {
            worst = consistency;
        }
    }

    synchronized ReadConsistency worst() {
        return worst;
    }
}
