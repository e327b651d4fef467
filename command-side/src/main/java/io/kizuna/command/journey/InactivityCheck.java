package io.kizuna.command.journey;

import java.time.Instant;

/**
 * The payload of a customer's inactivity deadline: check model {@code model} when {@code due}, if the customer is
 * still in the stage entered by the event with sequence {@code stageSequence}.
 */
public record InactivityCheck(String model, long stageSequence, Instant due) {

    public static final String DEADLINE_NAME = "journey-inactivity";
}
