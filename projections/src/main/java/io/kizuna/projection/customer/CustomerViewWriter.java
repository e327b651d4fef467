package io.kizuna.projection.customer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the profile, timeline, stage transition and segment change views in bulk. Profiles and stage
 * transitions are written with the sequence number of the last event that changed them as external version, so a stale
 * write can never overwrite a newer state. The bean works on the live aliases; {@link #into} gives one for a rebuild's
 * indices.
 */
@Component
public class CustomerViewWriter {

    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private final ViewTarget target;

    @Autowired
    public CustomerViewWriter(ElasticsearchClient client, ViewIndexNames names) {
        this(client, ViewTarget.aliases(names));
    }

    private CustomerViewWriter(ElasticsearchClient client, ViewTarget target) {
        this.client = client;
        this.target = target;
    }

    /** A writer that reads and writes the views in {@code target}'s indices instead. */
    public CustomerViewWriter into(ViewTarget target) {
        return new CustomerViewWriter(client, target);
    }

    /** The stored profiles of these customers (realtime, not waiting for a refresh); absent ones are missing. */
    public Map<String, ProfileDocument> loadProfiles(Collection<String> customerIds) {
        Map<String, ProfileDocument> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        try {
            MgetResponse<ProfileDocument> response = client.mget(
                    m -> m.index(target.index(ViewIndex.PROFILES)).ids(List.copyOf(customerIds)),
                    ProfileDocument.class);
            for (MultiGetResponseItem<ProfileDocument> item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException(
                            "could not read profile " + item.failure().id() + ": "
                                    + item.failure().error().reason());
                }
                if (item.result().found()) {
                    found.put(item.result().id(), item.result().source());
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeTimeline(List<TimelineDocument> entries) {
        writeTimelineAndTransitions(entries, List.of());
    }

    /**
     * Timeline entries and stage transitions in one bulk, written before the profiles that speak for them. A
     * version conflict can only come from a transition (timeline entries carry no version): a newer state of it is
     * already written.
     */
    public void writeTimelineAndTransitions(
            List<TimelineDocument> entries, Collection<StageTransitionDocument> transitions) {
        writeTimelineAndTransitions(entries, transitions, List.of());
    }

    /**
     * Timeline entries, stage transitions and segment changes in one bulk, written before the profiles that speak for
     * them. A segment change is written once, at its sequence as external version: a conflict means it is already
     * there.
     */
    public void writeTimelineAndTransitions(
            List<TimelineDocument> entries,
            Collection<StageTransitionDocument> transitions,
            Collection<SegmentChangeDocument> segmentChanges) {
        if (entries.isEmpty() && transitions.isEmpty() && segmentChanges.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        String timeline = target.index(ViewIndex.TIMELINE);
        for (TimelineDocument entry : entries) {
            bulk.operations(op -> op.index(i -> i.index(timeline).id(entry.id()).document(entry)));
        }
        String stageTransitions = target.index(ViewIndex.STAGE_TRANSITIONS);
        for (StageTransitionDocument transition : transitions) {
            bulk.operations(op -> op.index(i -> i.index(stageTransitions)
                    .id(transition.id())
                    .document(transition)
                    .version(transition.lastSequence() + 1)
                    .versionType(VersionType.External)));
        }
        if (!segmentChanges.isEmpty()) {
            String changes = target.index(ViewIndex.SEGMENT_CHANGES);
            for (SegmentChangeDocument change : segmentChanges) {
                bulk.operations(op -> op.index(i -> i.index(changes)
                        .id(change.id())
                        .document(change)
                        .version(change.sequence() + 1)
                        .versionType(VersionType.External)));
            }
        }
        execute(bulk, true);
    }

    public void writeProfiles(Collection<ProfileDocument> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        String alias = target.index(ViewIndex.PROFILES);
        for (ProfileDocument profile : profiles) {
            bulk.operations(op -> op.index(i -> i.index(alias)
                    .id(profile.id)
                    .document(profile)
                    .version(profile.lastSequence + 1)
                    .versionType(VersionType.External)));
        }
        execute(bulk, true);
    }

    /** Throws unless every item succeeded; a version conflict means a newer write is already there, which is fine. */
    private void execute(BulkRequest.Builder bulk, boolean conflictsAreStale) {
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (!response.errors()) {
                return;
            }
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null || (conflictsAreStale && item.status() == VERSION_CONFLICT)) {
                    continue;
                }
                throw new IllegalStateException("Elasticsearch refused document " + item.id() + " in " + item.index()
                        + ": " + item.error().type() + ": " + item.error().reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
