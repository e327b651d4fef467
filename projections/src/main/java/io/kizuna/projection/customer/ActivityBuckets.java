package io.kizuna.projection.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a profile's daily activity buckets: one per UTC day, touchpoint type, channel and campaign, with the number of
 * touchpoints, ordered by those four so that a profile folded in any batching has the same list. The list grows with
 * the distinct combinations a customer has, not with its touchpoints.
 */
final class ActivityBuckets {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<ProfileDocument.ActivityBucket> ORDER = Comparator.comparing(
                    ProfileDocument.ActivityBucket::day, TEXT)
            .thenComparing(ProfileDocument.ActivityBucket::type, TEXT)
            .thenComparing(ProfileDocument.ActivityBucket::channel, TEXT)
            .thenComparing(ProfileDocument.ActivityBucket::campaign, TEXT);

    private ActivityBuckets() {}

    /** The UTC day of a business time, as the view stores it. */
    static String dayOf(Instant occurredAt) {
        return LocalDate.ofInstant(occurredAt, ZoneOffset.UTC).toString();
    }

    /** Adds {@code count} touchpoints to the bucket of that day, type, channel and campaign. */
    static void add(
            List<ProfileDocument.ActivityBucket> buckets,
            String day,
            String type,
            String channel,
            String campaign,
            long count) {
        ProfileDocument.ActivityBucket key = new ProfileDocument.ActivityBucket(day, type, channel, campaign, 0);
        int at = Collections.binarySearch(buckets, key, ORDER);
        if (at >= 0) {
            ProfileDocument.ActivityBucket known = buckets.get(at);
            buckets.set(at, new ProfileDocument.ActivityBucket(day, type, channel, campaign, known.count() + count));
        } else {
            buckets.add(-at - 1, new ProfileDocument.ActivityBucket(day, type, channel, campaign, count));
        }
    }

    /** Adds every bucket of {@code from} into {@code into}. */
    static void addAll(List<ProfileDocument.ActivityBucket> into, List<ProfileDocument.ActivityBucket> from) {
        from.forEach(b -> add(into, b.day(), b.type(), b.channel(), b.campaign(), b.count()));
    }
}
