package io.kizuna.api.merge;

import io.kizuna.api.identity.Identifier;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The survivor takes over an absorbed customer: its identifiers, its messageIds (so that retries stay duplicates),
 * and the customers it had absorbed itself ({@code alsoAbsorbed}).
 */
public record AbsorbCustomer(
        @TargetAggregateIdentifier String survivorId,
        String absorbedId,
        List<Identifier> identifiers,
        Set<String> messageIds,
        Set<String> alsoAbsorbed,
        MergeCause cause) {}
