package io.kizuna.api.history;

/**
 * Verify the hash chain of every customer, merged-away ones included, in the background. Answers with the job's
 * {@link io.kizuna.api.job.JobProgress} (id starting with {@code verify-}; follow it with
 * {@link io.kizuna.api.job.FindVerificationJob}); while one verification runs, asking again answers with that one.
 */
public record VerifyAllHistories() {}
