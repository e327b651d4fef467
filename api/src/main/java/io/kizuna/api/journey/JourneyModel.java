package io.kizuna.api.journey;

import java.time.Instant;

/** A journey model at one version, as stored in the catalog. */
public record JourneyModel(JourneyModelDefinition definition, int version, boolean builtIn, Instant definedAt) {

    public String id() {
        return definition.id();
    }
}
