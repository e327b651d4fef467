package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A journey model was defined at {@code version} (1 for a new model). */
@Revision("1")
public record JourneyModelDefined(
        String catalogId, JourneyModelDefinition definition, int version, boolean builtIn, Instant definedAt) {}
