package io.kizuna.api.job;

/** A view rebuild by id (ids start with {@code rebuild-}). Answered with {@link JobProgress} or null. */
public record FindRebuildJob(String id) {}
