package io.kizuna.command.journey;

import io.kizuna.api.journey.JourneyModel;
import java.util.List;

/** The journey models customers are evaluated under: the latest version of each. */
@FunctionalInterface
public interface CurrentJourneyModels {

    List<JourneyModel> all();

    static CurrentJourneyModels of(JourneyModel... models) {
        List<JourneyModel> fixed = List.of(models);
        return () -> fixed;
    }
}
