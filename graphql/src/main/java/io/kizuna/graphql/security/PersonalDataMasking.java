package io.kizuna.graphql.security;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.PropertyDataFetcher;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.api.segment.rule.SegmentRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.springframework.stereotype.Component;

/**
 * Replaces personal values with {@link PersonalData#MASKED} for callers not entitled to them (ANALYST), as the
 * installation's {@link PersonalData} defines them: values of personal identifier types ({@code Identifier.value}),
 * personal traits ({@code Customer.traits}, {@code CustomerSnapshot.traits}) and personal touchpoint properties
 * ({@code Touchpoint.properties}). Names and shapes stay, so an analyst still sees that a customer has an email.
 */
@Component
public class PersonalDataMasking {

    static final Set<String> FIELDS = Set.of(
            "Identifier.value",
            "Customer.traits",
            "CustomerSnapshot.traits",
            "AccountMembership.traits",
            "Touchpoint.properties");

    private static final DataFetcher<?> TYPE = PropertyDataFetcher.fetching("type");

    private final PersonalData personal;

    public PersonalDataMasking(PersonalData personal) {
        this.personal = personal;
    }

    /**
     * Why a root field's arguments would let a caller not entitled to personal values learn them anyway, or null:
     * looking a customer up by the value of a personal identifier confirms the value, and a segment rule testing a
     * personal trait can narrow it down (range tests, a sample of who matches).
     */
    public String probe(String coordinate, Map<String, Object> arguments) {
        if (coordinate.equals("Query.customerByIdentifier")) {
            Object type = arguments.get("type");
            return personal.isPersonalIdentifierType(type == null ? null : type.toString())
                    ? "looking customers up by a personal identifier (" + type + ") needs the AUDITOR or ADMIN role"
                    : null;
        }
        if (coordinate.equals("Query.previewSegment") && arguments.get("rule") instanceof String rule) {
            try {
                for (String trait : SegmentRules.referencedTraits(SegmentRules.parse(rule))) {
                    if (personal.isPersonalTrait(trait)) {
                        return "a rule testing the personal trait '" + trait + "' needs the ADMIN role";
                    }
                }
            } catch (RuntimeException e) {
                return null; // not a rule: the query itself says what is wrong with it
            }
        }
        return null;
    }

    public boolean masks(String coordinate) {
        return FIELDS.contains(coordinate);
    }

    /** The fetcher of the field at {@code coordinate}, answering with personal values masked. */
    public DataFetcher<?> wrap(String coordinate, DataFetcher<?> fetcher) {
        return switch (coordinate) {
            case "Identifier.value" ->
                env -> {
                    Object type = TYPE.get(env);
                    return personal.isPersonalIdentifierType(type == null ? null : type.toString())
                            ? PersonalData.MASKED
                            : fetcher.get(env);
                };
            case "Touchpoint.properties" -> env -> masked(fetcher.get(env), false);
            default -> env -> masked(fetcher.get(env), true);
        };
    }

    /**
     * The value with personal entries masked, as storage seals them: personal traits of a traits map, and in
     * touchpoint properties what {@link PersonalData#isPersonalPropertyEntry} calls personal at any depth; whether it
     * comes plain, as a result or later.
     */
    private Object masked(Object value, boolean traits) {
        if (value instanceof CompletionStage<?> later) {
            return later.thenApply(v -> masked(v, traits));
        }
        if (value instanceof DataFetcherResult<?> result) {
            return DataFetcherResult.newResult()
                    .data(masked(result.getData(), traits))
                    .errors(result.getErrors())
                    .localContext(result.getLocalContext())
                    .build();
        }
        if (traits && value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.replaceAll((name, v) ->
                    name != null && v != null && personal.isPersonalTrait(name.toString()) ? PersonalData.MASKED : v);
            return copy;
        }
        return traits ? value : properties(value, null);
    }

    private Object properties(Object value, String enclosing) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((name, v) -> {
                String key = name == null ? "" : name.toString();
                copy.put(
                        name,
                        v != null && personal.isPersonalPropertyEntry(key, enclosing)
                                ? PersonalData.MASKED
                                : properties(v, key));
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> properties(v, null)).toList();
        }
        return value;
    }
}
