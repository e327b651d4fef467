package io.kizuna.api.history;

import java.time.Instant;
import java.util.List;

/**
 * Every stored event of this customer and of the customers merged into it (directly or through others; each
 * absorbed customer's events up to and including its merge), oldest first in the order they were stored. Filters:
 * {@code from} inclusive and {@code to} exclusive on the event's business time where it has one (a touchpoint's
 * {@code occurredAt}, a stage entry's {@code at}), else on its recorded time; {@code types} by simple event name
 * ({@code TouchpointRecorded}). {@code first} is 1 to 100; {@code after} a cursor from an earlier page. Answers with a
 * {@link HistoryPage}; throws {@link io.kizuna.api.validation.NotFoundException} for an unknown customer.
 */
public record FindCustomerHistory(
        String customerId, int first, String after, Instant from, Instant to, List<String> types) {

    public FindCustomerHistory {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
