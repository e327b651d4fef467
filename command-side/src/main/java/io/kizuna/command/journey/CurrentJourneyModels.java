package io.kizuna.command.journey;

import io.kizuna.api.journey.JourneyModel;
import java.util.List;

/** The journey models customers are evaluated under: the latest version of each. */
@FunctionalInterface
public interface CurrentJourneyModels {

    List<JourneyModel> all();

    /**
     * The current version of a model, at least {@code minVersion} (a command may name a version defined on another
     * node a moment ago); null for an unknown model.
     */
    default JourneyModel atLeast(String modelId, int minVersion) {
        return JourneyPositions.find(all(), modelId);
    }

    static CurrentJourneyModels of(JourneyModel... models) {
        List<JourneyModel> fixed = List.of(models);
        return () -> fixed;
    }
}
