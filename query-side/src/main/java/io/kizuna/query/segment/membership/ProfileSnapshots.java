package io.kizuna.query.segment.membership;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads customers' profiles once the profile view has applied given events, in real time (a multi-get by id, as
 * {@link io.kizuna.query.consistency.ConsistencyGate} does); a profile still behind at the deadline is read as it is,
 * with a warning.
 */
class ProfileSnapshots {

    /** The part of a profile the membership process reads: how far it is, whether merged away, its daily activity. */
    record Snapshot(long lastSequence, boolean mergedAway, RecheckPlanner.Activity activity) {}

    private static final Logger log = LoggerFactory.getLogger(ProfileSnapshots.class);

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    ProfileSnapshots(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /**
     * The profiles of the customers in {@code wanted} (customer id to the sequence number the profile must have
     * reached, -1 for any), once each has reached it or the {@code deadline} ({@link System#nanoTime()}) has passed.
     * A customer without a profile by then is left out: an absent profile says nothing about its segments.
     */
    Map<String, Snapshot> await(Map<String, Long> wanted, long deadline) {
        long pause = 5;
        while (true) {
            Map<String, Snapshot> read = read(wanted.keySet());
            long behind = wanted.entrySet().stream()
                    .filter(e -> !caughtUp(read.get(e.getKey()), e.getValue()))
                    .count();
            long left = deadline - System.nanoTime();
            if (behind == 0 || left <= 0) {
                if (behind > 0) {
                    log.warn(
                            "Segment membership gave up waiting for the profile view: {} of {} customer(s) behind;"
                                    + " evaluating what it shows",
                            behind,
                            wanted.size());
                }
                return read;
            }
            sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pause = Math.min(pause * 2, 100);
        }
    }

    private static boolean caughtUp(Snapshot snapshot, long sequence) {
        return snapshot != null && snapshot.lastSequence() >= sequence;
    }

    private Map<String, Snapshot> read(Iterable<String> customerIds) {
        List<String> ids = new ArrayList<>();
        customerIds.forEach(ids::add);
        try {
            MgetResponse<ProfileActivity> response = client.mget(
                    m -> m.index(names.alias(ViewIndex.PROFILES)).ids(ids).sourceIncludes(ProfileActivity.FIELDS),
                    ProfileActivity.class);
            Map<String, Snapshot> snapshots = new HashMap<>();
            for (MultiGetResponseItem<ProfileActivity> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    snapshots.put(item.result().id(), snapshot(item.result().source()));
                }
            }
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Snapshot snapshot(ProfileActivity source) {
        return new Snapshot(
                source.lastSequence() == null ? -1 : source.lastSequence(),
                source.mergedInto() != null,
                source.forPlanner());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the profile view", e);
        }
    }
}
