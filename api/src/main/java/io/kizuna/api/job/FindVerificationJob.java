package io.kizuna.api.job;

/** A verification of every history by id (ids start with {@code verify-}). Answered with {@link JobProgress} or null. */
public record FindVerificationJob(String id) {}
