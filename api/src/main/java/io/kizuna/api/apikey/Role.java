package io.kizuna.api.apikey;

/**
 * What an API key may do. Deny by default: a key may do only what its role is granted in the access policy, and
 * {@link #ADMIN} may do everything.
 */
public enum Role {
    /** Writes touchpoints and identity commands (GraphQL and the Segment-compatible intake). */
    INTEGRATOR,
    /** Reads profiles, segments, journeys and analytics, with personal fields masked. */
    ANALYST,
    /** Reads history, time travel, verification and the access log, unmasked; changes nothing. */
    AUDITOR,
    /** Definitions, keys, sources, rebuilds: everything. */
    ADMIN
}
