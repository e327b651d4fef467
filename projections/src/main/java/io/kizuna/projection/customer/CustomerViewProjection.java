package io.kizuna.projection.customer;

import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.journey.JourneyReevaluated;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeRefused;
import io.kizuna.api.privacy.CustomerForgotten;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.projection.index.LiveViewWrites;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import io.kizuna.projection.index.ViewTarget;
import io.kizuna.projection.journey.JourneyCatalogReader;
import io.kizuna.projection.rebuild.RebuildableProjection;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the profile, timeline, stage transition and segment change views of every customer. Events of one processor
 * batch are collected and written to Elasticsearch once, before the batch's tracking token is stored: timeline
 * entries, stage transitions and segment changes first, then profiles (a profile's {@code lastSequence} thus proves
 * that its timeline entries, transitions and segment changes are written, which read-your-writes relies on). If a
 * write fails, the whole batch is retried; the fold's sequence check, deterministic ids and external versions make that
 * harmless.
 *
 * <p>The bean writes the live views through their aliases; {@link #writingInto} makes the same handlers write into a
 * rebuild's new indices instead.
 */
@Component
@ProcessingGroup(CustomerViewProjection.PROCESSING_GROUP)
public class CustomerViewProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "customer-views";
    /** The views this projection writes, in one unit of work. */
    public static final Set<ViewIndex> VIEWS =
            Set.of(ViewIndex.PROFILES, ViewIndex.TIMELINE, ViewIndex.STAGE_TRANSITIONS, ViewIndex.SEGMENT_CHANGES);

    private static final String BATCH = CustomerViewProjection.class.getName() + ".batch";

    private final CustomerViewWriter writer;
    private final ViewTarget target;
    private final ViewIndexSetup indices;
    private final ProfileFold.History history;
    private final JourneyCatalogReader catalog;
    private final StageTransitions stageTransitions;
    private final Clock clock;

    @Autowired
    public CustomerViewProjection(
            CustomerViewWriter writer,
            ViewIndexNames names,
            LiveViewWrites liveWrites,
            ViewIndexSetup indices,
            ProfileFold.History history,
            JourneyCatalogReader catalog,
            Clock clock) {
        this(writer, ViewTarget.live(names, liveWrites), indices, history, catalog, clock);
    }

    private CustomerViewProjection(
            CustomerViewWriter writer,
            ViewTarget target,
            ViewIndexSetup indices,
            ProfileFold.History history,
            JourneyCatalogReader catalog,
            Clock clock) {
        this.writer = writer.into(target);
        this.target = target;
        this.indices = indices;
        this.history = history;
        this.catalog = catalog;
        this.stageTransitions = new StageTransitions(catalog);
        this.clock = clock;
    }

    @Override
    public Set<ViewIndex> views() {
        return VIEWS;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public CustomerViewProjection writingInto(ViewTarget target) {
        return new CustomerViewProjection(writer, target, indices, history, catalog, clock);
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(IdentifierAdded event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(TouchpointRecorded event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(TraitsChanged event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(CustomerMergedInto event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(CustomerAbsorbed event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(JourneyStageEntered event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /** Changes no figure, but moves the profile's sequence on, which consistency tokens wait for. */
    @EventHandler
    void on(MergeRefused event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /** A re-evaluation that left the stage as it was: like {@link MergeRefused}, it only moves the sequence on. */
    @EventHandler
    void on(JourneyReevaluated event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /** Changes the profile's consent answers (and so what {@code consent(...)} in segment rules sees). */
    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /** Changes the profile's segments and writes a segment change document. */
    @EventHandler
    void on(CustomerEnteredSegment event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(CustomerLeftSegment event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /** Like {@link MergeRefused}: only moves the profile's sequence on, which consistency tokens wait for. */
    @EventHandler
    void on(SegmentRecheckScheduled event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    @EventHandler
    void on(SegmentRecheckDue event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /**
     * The customer was forgotten: its profile and timeline are made anew from its history, which now reads redacted
     * (its data key is destroyed before this event is stored), exactly as a rebuild of the views would make them.
     */
    @EventHandler
    void on(CustomerForgotten event, @SequenceNumber long sequence) {
        batch().add(event.customerId(), event, sequence);
    }

    /**
     * A reset rebuilds the views from scratch: they are emptied here, then every event is replayed into them (the
     * views are incomplete until the replay is done; {@code ViewRebuilds} rebuilds them while they keep serving).
     */
    @ResetHandler
    void onReset() throws IOException {
        indices.recreate(VIEWS);
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            root.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    private record Applied(String customerId, Object event, long sequence) {}

    /** The events of one unit of work, in order, and their write to the views. */
    private final class Batch {

        private final List<Applied> events = new ArrayList<>();

        void add(String customerId, Object event, long sequence) {
            events.add(new Applied(customerId, event, sequence));
        }

        void flush() {
            target.write(this::foldAndWrite);
        }

        private void foldAndWrite() {
            Set<String> customerIds = new LinkedHashSet<>();
            events.forEach(e -> customerIds.add(e.customerId()));
            Map<String, ProfileDocument> profiles = new LinkedHashMap<>(writer.loadProfiles(customerIds));
            Map<String, ProfileDocument> changed = new LinkedHashMap<>();
            List<TimelineDocument> timeline = new ArrayList<>();
            Map<String, StageTransitionDocument> transitions = new LinkedHashMap<>();
            List<SegmentChangeDocument> segmentChanges = new ArrayList<>();
            Instant now = clock.instant();
            for (Applied applied : events) {
                if (applied.event() instanceof CustomerForgotten) {
                    ProfileDocument redacted = redactedProfile(applied, now, timeline);
                    profiles.put(redacted.id, redacted);
                    changed.put(redacted.id, redacted);
                    continue;
                }
                ProfileDocument profile = profiles.computeIfAbsent(applied.customerId(), ProfileDocument::new);
                if (applied.event() instanceof TouchpointRecorded touchpoint
                        && applied.sequence() > profile.lastSequence) {
                    timeline.add(TimelineDocument.of(touchpoint, applied.sequence()));
                }
                List<ProfileDocument.StageEntry> stagesBefore = List.copyOf(profile.stages);
                if (ProfileFold.apply(profile, applied.event(), applied.sequence(), now, history)) {
                    changed.put(profile.id, profile);
                    stageTransitions.collect(profile, stagesBefore, applied.event(), applied.sequence(), transitions);
                    SegmentChangeDocument change = SegmentChangeDocument.of(applied.event(), applied.sequence());
                    if (change != null) {
                        segmentChanges.add(change);
                    }
                }
            }
            writer.writeTimelineAndTransitions(timeline, transitions.values(), segmentChanges);
            writer.writeProfiles(changed.values());
        }

        /**
         * The profile of a forgotten customer folded anew from its stored history up to the forgetting, and its
         * timeline entries from the same history in place of any this batch was about to write. Stage transitions and
         * segment changes hold no personal data and stay as they are.
         */
        private ProfileDocument redactedProfile(Applied forgotten, Instant now, List<TimelineDocument> timeline) {
            String customerId = forgotten.customerId();
            ProfileDocument profile = new ProfileDocument(customerId);
            timeline.removeIf(entry -> entry.customerId().equals(customerId));
            for (ProfileFold.History.Entry entry : history.of(customerId)) {
                if (entry.sequence() > forgotten.sequence()) {
                    break;
                }
                if (entry.payload() instanceof TouchpointRecorded touchpoint) {
                    timeline.add(TimelineDocument.of(touchpoint, entry.sequence()));
                }
                ProfileFold.apply(profile, entry.payload(), entry.sequence(), now, history);
            }
            return profile;
        }
    }
}
