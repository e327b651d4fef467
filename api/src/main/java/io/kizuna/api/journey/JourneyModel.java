package io.kizuna.api.journey;

import java.time.Instant;

/**
 * A journey model at one version, as stored in the catalog. {@code rulesVersion} is the earliest version with the
 * same decisions (stages, transitions, rules, inactivity rules): a version that only changes labels or descriptions
 * keeps its predecessor's, so customers evaluated under it need no re-evaluation.
 */
public record JourneyModel(
        JourneyModelDefinition definition, int version, boolean builtIn, Instant definedAt, int rulesVersion) {

    public JourneyModel(JourneyModelDefinition definition, int version, boolean builtIn, Instant definedAt) {
        this(definition, version, builtIn, definedAt, version);
    }

    public String id() {
        return definition.id();
    }
}
