package io.kizuna.graphql.journey;

import io.kizuna.api.journey.AllowedTransition;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.LocalizedText;
import java.time.Instant;
import java.util.List;

/**
 * A journey model as the GraphQL type {@code JourneyModel} shows it: the stored version flattened, and whether it
 * is the catalog's default now (which the definition alone cannot say: a later default takes over).
 */
public record JourneyModelView(
        String id,
        int version,
        LocalizedText labels,
        List<JourneyStageDefinition> stages,
        boolean isDefault,
        boolean builtIn,
        Instant definedAt,
        boolean perAccount,
        List<AllowedTransition> transitions,
        List<EntryRule> rules,
        List<InactivityRule> inactivityRules) {

    static JourneyModelView of(JourneyModel model, String defaultModel) {
        JourneyModelDefinition d = model.definition();
        return new JourneyModelView(
                d.id(),
                model.version(),
                d.labels(),
                d.stages(),
                d.id().equals(defaultModel),
                model.builtIn(),
                model.definedAt(),
                d.perAccount(),
                d.transitions(),
                d.rules(),
                d.inactivityRules());
    }
}
