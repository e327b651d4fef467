package io.kizuna.api.customer;

import java.time.Instant;
import java.util.List;

/**
 * Narrows a customer search. Every field is optional; the ones given must all hold. List fields match when the
 * customer has any of the values.
 */
public record CustomerFilter(
        List<String> identifierTypes,
        List<String> touchpointTypes,
        List<String> channels,
        List<String> campaigns,
        List<String> accountIds,
        Instant firstSeenFrom,
        Instant firstSeenTo,
        Instant lastSeenFrom,
        Instant lastSeenTo,
        Long minTouchpoints) {}
