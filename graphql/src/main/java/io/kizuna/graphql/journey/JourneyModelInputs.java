package io.kizuna.graphql.journey;

import io.kizuna.api.journey.AllowedTransition;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.PropertyCondition;
import io.kizuna.api.journey.TouchpointCondition;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code JourneyModelInput} into the definition the command side validates. The schema has already typed
 * every field; what it cannot type, the {@code inactiveFor} durations, is read here, and a bad one is refused naming
 * {@code input.inactivityRules[i].inactiveFor}. Everything else (stage ids, rules that name unknown stages, ...) is
 * the command side's to judge.
 */
final class JourneyModelInputs {

    private JourneyModelInputs() {}

    static JourneyModelDefinition read(Map<String, Object> input) {
        List<Violation> violations = new ArrayList<>();
        List<InactivityRule> inactivityRules = new ArrayList<>();
        List<Map<String, Object>> given = maps(input.get("inactivityRules"));
        for (int i = 0; i < given.size(); i++) {
            Map<String, Object> rule = given.get(i);
            Duration inactiveFor = null;
            try {
                inactiveFor = InactivityDurations.parse((String) rule.get("inactiveFor"));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("input.inactivityRules[" + i + "].inactiveFor", e.getMessage()));
            }
            inactivityRules.add(new InactivityRule(
                    (String) rule.get("in"), inactiveFor, strings(rule.get("touchpointTypes")), (String)
                            rule.get("enter")));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new JourneyModelDefinition(
                (String) input.get("id"),
                text(input.get("labels")),
                maps(input.get("stages")).stream()
                        .map(s -> new JourneyStageDefinition(
                                (String) s.get("id"), text(s.get("labels")), (String) s.get("description")))
                        .toList(),
                maps(input.get("transitions")).stream()
                        .map(t -> new AllowedTransition((String) t.get("from"), (String) t.get("to")))
                        .toList(),
                maps(input.get("rules")).stream()
                        .map(r -> new EntryRule((String) r.get("enter"), condition(r.get("when"))))
                        .toList(),
                inactivityRules,
                Boolean.TRUE.equals(input.get("isDefault")),
                Boolean.TRUE.equals(input.get("perAccount")));
    }

    private static TouchpointCondition condition(Object value) {
        if (!(value instanceof Map<?, ?> when)) {
            return null;
        }
        return new TouchpointCondition(
                strings(when.get("types")),
                strings(when.get("channels")),
                strings(when.get("campaigns")),
                maps(when.get("properties")).stream()
                        .map(p -> new PropertyCondition(
                                (String) p.get("name"), (String) p.get("equals"), strings(p.get("anyOf")), (Boolean)
                                        p.get("exists")))
                        .toList(),
                (BigDecimal) when.get("minValue"),
                (BigDecimal) when.get("maxValue"),
                (String) when.get("currency"),
                (Integer) when.get("countAtLeast"));
    }

    private static LocalizedText text(Object value) {
        if (!(value instanceof Map<?, ?> labels)) {
            return null;
        }
        return new LocalizedText((String) labels.get("en"), (String) labels.get("ja"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
