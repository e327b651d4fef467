package io.kizuna.query.segment.membership;

import io.kizuna.query.segment.membership.RecheckPlanner.Bucket;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a profile document that segment membership reads: how far the profile is, whether the customer was
 * merged away, when it was first seen and its daily activity buckets. Read with {@link #FIELDS} as source filter, so
 * nothing else of the profile leaves Elasticsearch.
 */
public record ProfileActivity(
        Long lastSequence, String mergedInto, Instant firstSeenAt, List<ProfileActivity.Entry> activity) {

    /** One daily activity bucket as the profile view stores it. */
    public record Entry(String day, String type, String channel, String campaign, Long count) {}

    /** The source fields to fetch. */
    public static final List<String> FIELDS = List.of(
            "lastSequence",
            "mergedInto",
            "firstSeenAt",
            "activity.day",
            "activity.type",
            "activity.channel",
            "activity.campaign",
            "activity.count");

    /** What {@link RecheckPlanner} reads of this profile. */
    public RecheckPlanner.Activity forPlanner() {
        List<Bucket> buckets = new ArrayList<>();
        if (activity != null) {
            for (Entry entry : activity) {
                if (entry.day() != null && entry.day().length() >= 10) {
                    buckets.add(new Bucket(
                            LocalDate.parse(entry.day().substring(0, 10)),
                            entry.type(),
                            entry.channel(),
                            entry.campaign(),
                            entry.count() == null ? 0 : entry.count()));
                }
            }
        }
        return new RecheckPlanner.Activity(buckets, firstSeenAt);
    }
}
