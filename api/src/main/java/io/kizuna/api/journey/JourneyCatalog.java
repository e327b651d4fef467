package io.kizuna.api.journey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journey models as the catalog's events define them: the latest version of each, every version kept, and
 * which model is the default. A pure fold: the command side and the query side each keep one, from the same events.
 */
public final class JourneyCatalog {

    /** The catalog's aggregate identifier: all journey model definitions are one stream. */
    public static final String ID = "journey-catalog";

    private final Map<String, List<JourneyModel>> versions = new LinkedHashMap<>();
    private String defaultModel;
    private long lastSequence = -1;

    public synchronized void apply(JourneyModelDefined event, long sequence) {
        if (sequence <= lastSequence) {
            return;
        }
        List<JourneyModel> known = versions.computeIfAbsent(event.definition().id(), id -> new ArrayList<>());
        JourneyModel previous = known.isEmpty() ? null : known.get(known.size() - 1);
        int rulesVersion = previous != null && sameDecisions(previous.definition(), event.definition())
                ? previous.rulesVersion()
                : event.version();
        known.add(new JourneyModel(
                event.definition(), event.version(), event.builtIn(), event.definedAt(), rulesVersion));
        if (event.definition().isDefault()) {
            defaultModel = event.definition().id();
        }
        lastSequence = sequence;
    }

    /** Whether two definitions move customers alike: the same stage order, transitions and rules. */
    static boolean sameDecisions(JourneyModelDefinition a, JourneyModelDefinition b) {
        return a.stages().stream()
                        .map(JourneyStageDefinition::id)
                        .toList()
                        .equals(b.stages().stream()
                                .map(JourneyStageDefinition::id)
                                .toList())
                && a.transitions().equals(b.transitions())
                && a.rules().equals(b.rules())
                && a.inactivityRules().equals(b.inactivityRules())
                && a.perAccount() == b.perAccount();
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** The latest version of every model, in the order they were first defined. */
    public synchronized List<JourneyModel> models() {
        return versions.values().stream().map(v -> v.get(v.size() - 1)).toList();
    }

    public synchronized Optional<JourneyModel> latest(String modelId) {
        List<JourneyModel> all = versions.get(modelId);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public synchronized Optional<JourneyModel> version(String modelId, int version) {
        return versions.getOrDefault(modelId, List.of()).stream()
                .filter(m -> m.version() == version)
                .max(Comparator.comparingInt(JourneyModel::version));
    }

    public synchronized String defaultModel() {
        return defaultModel;
    }

    public synchronized boolean isDefault(String modelId) {
        return modelId.equals(defaultModel);
    }
}
