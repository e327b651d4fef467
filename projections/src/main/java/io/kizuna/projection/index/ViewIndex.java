package io.kizuna.projection.index;

/**
 * The Elasticsearch views Kizuna keeps. Each lives in versioned indices ({@code <prefix>profiles-v2}) behind an
 * alias ({@code <prefix>profiles}) that readers and writers use, so a view can be rebuilt into a new version
 * and swapped in atomically. A mapping change means a new version number and a new resource file.
 */
public enum ViewIndex {
    /** v2: with consent answers ({@code consentEntries}, {@code consentsWithdrawn}). */
    PROFILES("profiles", 2),
    TIMELINE("timeline", 1),
    /** Sources and whether they are revoked, for listing; write keys are checked against the event store instead. */
    SOURCES("sources", 1),
    /** One document per recorded read of customer history (who looked), kept by its own processor, access-log. */
    ACCESS_LOG("access-log", 1),
    /** One document per journey stage transition of a customer, for stage histories and funnels. */
    STAGE_TRANSITIONS("stage-transitions", 1),
    /** One document per segment entry or exit of a customer, for segment sizes over time and membership histories. */
    SEGMENT_CHANGES("segment-changes", 1);

    private final String name;
    private final int version;

    ViewIndex(String name, int version) {
        this.name = name;
        this.version = version;
    }

    public String viewName() {
        return name;
    }

    public int version() {
        return version;
    }

    /** Index template body (settings and mappings) for this view's current version. */
    String templateResource() {
        return name + "-v" + version + ".json";
    }
}
