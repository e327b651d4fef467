package io.kizuna.command.journey;

import java.time.Instant;

/**
 * The payload of an inactivity deadline: check model {@code model} when {@code due}, if the customer (or account) is
 * still in the stage entered by the event with sequence {@code stageSequence}, under the rules of
 * {@code rulesVersion}. A deadline of older rules is void: re-evaluation under new rules schedules its own.
 */
public record InactivityCheck(String model, long stageSequence, Instant due, int rulesVersion) {

    public static final String DEADLINE_NAME = "journey-inactivity";
}
