package io.kizuna.command.journey;

import java.time.Instant;

/**
 * Where a customer stands in one journey model: its stage (null: none yet), since when (business time), the model
 * version it was last evaluated under, and the sequence number of the event that put it there.
 */
public record StagePosition(String stage, Instant enteredAt, int version, long sequence) {}
