package io.kizuna.api.merge;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** This customer absorbed {@code absorbedId}, taking over its identifiers and messageIds. */
@Revision("1")
public record CustomerAbsorbed(
        String customerId,
        String absorbedId,
        List<Identifier> identifiers,
        Set<String> messageIds,
        Set<String> alsoAbsorbed,
        MergeCause cause,
        Instant absorbedAt) {

    public CustomerAbsorbed {
        alsoAbsorbed = alsoAbsorbed == null ? Set.of() : alsoAbsorbed;
    }
}
