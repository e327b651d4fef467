package io.kizuna.query.verification;

import io.kizuna.api.history.HistoryVerification;
import io.kizuna.api.history.VerifyAllHistories;
import io.kizuna.api.history.VerifyHistory;
import io.kizuna.api.job.FindVerificationJob;
import io.kizuna.api.job.JobProgress;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Answers whether stored histories are as they were recorded: one customer's at once, every customer's as a
 * background job. These are the reads an access log records as verification reads.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
public class HistoryVerificationQueries {

    private final HistoryVerifier verifier;
    private final HistoryVerificationJobs jobs;

    public HistoryVerificationQueries(HistoryVerifier verifier, HistoryVerificationJobs jobs) {
        this.verifier = verifier;
        this.jobs = jobs;
    }

    /** The verification of the customer's history, or null when there is no such customer. */
    @QueryHandler
    public HistoryVerification handle(VerifyHistory query) {
        return verifier.verify(query.customerId()).orElse(null);
    }

    /** Starts verifying every history (or answers with the verification already running). */
    @QueryHandler
    public JobProgress handle(VerifyAllHistories query) {
        return jobs.start();
    }

    /** The progress of a verification job, or null when this node knows no job with that id. */
    @QueryHandler
    public JobProgress handle(FindVerificationJob query) {
        return jobs.find(query.id());
    }
}
