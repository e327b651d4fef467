package io.kizuna.api.access;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records one read of customer history (a replay, a time travel, a verification, or a read of the access log
 * itself), {@code at} the moment it was made. {@code accessId} is a fresh random UUID per read, so concurrent readers
 * never contend. {@code customerId} is the customer read, if the operation names one; {@code arguments} hold only
 * non-personal arguments (ids, times, types, page size and cursor); {@code outcome} is {@link HistoryAccessed#OK} or
 * {@link HistoryAccessed#ERROR}.
 */
public record RecordAccess(
        @TargetAggregateIdentifier String accessId,
        String actor,
        String operation,
        String customerId,
        Map<String, Object> arguments,
        String outcome,
        Instant at) {}
