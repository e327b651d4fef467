package io.kizuna.projection.customer;

import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.projection.journey.JourneyCatalogReader;
import java.util.List;
import java.util.Map;

/**
 * Turns what an event did to a customer's journey stages into the stage transition documents to write: a transition
 * writes its own entry and closes the previous entry of the same model (whose content the profile's stage entry
 * holds); a merge ends the merged-away customer's current entries. Stage positions come from the journey catalog at
 * each entry's model version.
 */
final class StageTransitions {

    private final JourneyCatalogReader catalog;

    StageTransitions(JourneyCatalogReader catalog) {
        this.catalog = catalog;
    }

    /**
     * Adds the documents {@code event} changed to {@code into}, by id, so that a document changed twice in one batch
     * is written once, in its latest state. {@code before} are the profile's stage entries before the event.
     */
    void collect(
            ProfileDocument profile,
            List<ProfileDocument.StageEntry> before,
            Object event,
            long sequence,
            Map<String, StageTransitionDocument> into) {
        if (event instanceof JourneyStageEntered entered) {
            ProfileDocument.StageEntry entry = profile.stage(entered.model());
            int toIndex = indexOf(entry);
            ProfileDocument.StageEntry previous = before.stream()
                    .filter(s -> s.model().equals(entered.model()))
                    .findFirst()
                    .orElse(null);
            if (previous != null) {
                put(
                        into,
                        StageTransitionDocument.exited(
                                profile.id, previous, indexOf(previous), entry, toIndex, profile.mergedInto));
            }
            put(into, StageTransitionDocument.entered(profile.id, entry, toIndex, profile.mergedInto));
        } else if (event instanceof CustomerMergedInto merged) {
            for (ProfileDocument.StageEntry entry : before) {
                put(
                        into,
                        StageTransitionDocument.mergedAway(
                                profile.id, entry, indexOf(entry), merged.survivorId(), sequence));
            }
        }
    }

    private static void put(Map<String, StageTransitionDocument> into, StageTransitionDocument document) {
        into.put(document.id(), document);
    }

    /**
     * The stage's position at the entry's model version; -1 for a stage the version does not have. A version the
     * catalog does not hold is a broken invariant (a model version is stored before any customer enters it): the
     * batch fails and is retried rather than writing a wrong position.
     */
    private int indexOf(ProfileDocument.StageEntry entry) {
        return catalog.version(entry.model(), entry.modelVersion())
                .orElseThrow(() -> new IllegalStateException("journey model '" + entry.model() + "' version "
                        + entry.modelVersion() + " is not in the journey catalog, yet a customer entered it"))
                .definition()
                .indexOf(entry.stage());
    }
}
