package io.kizuna.graphql.security;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.PropertyDataFetcher;
import io.kizuna.api.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Replaces personal values with {@link PersonalData#MASKED} for callers not entitled to them (ANALYST), as the
 * installation's {@link PersonalData} defines them: values of personal identifier types ({@code Identifier.value}),
 * personal traits ({@code Customer.traits}, {@code CustomerSnapshot.traits}) and personal touchpoint properties
 * ({@code Touchpoint.properties}). Names and shapes stay, so an analyst still sees that a customer has an email.
 */
@Component
public class PersonalDataMasking {

    static final Set<String> FIELDS =
            Set.of("Identifier.value", "Customer.traits", "CustomerSnapshot.traits", "Touchpoint.properties");

    private static final DataFetcher<?> TYPE = PropertyDataFetcher.fetching("type");

    private final PersonalData personal;

    public PersonalDataMasking(PersonalData personal) {
        this.personal = personal;
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
            case "Touchpoint.properties" -> env -> masked(fetcher.get(env), personal::isPersonalProperty);
            default -> env -> masked(fetcher.get(env), personal::isPersonalTrait);
        };
    }

    /** The value with the entries of personal names masked, whether it comes plain, as a result or later. */
    private static Object masked(Object value, Predicate<String> isPersonal) {
        if (value instanceof CompletionStage<?> later) {
            return later.thenApply(v -> masked(v, isPersonal));
        }
        if (value instanceof DataFetcherResult<?> result) {
            return DataFetcherResult.newResult()
                    .data(masked(result.getData(), isPersonal))
                    .errors(result.getErrors())
                    .localContext(result.getLocalContext())
                    .build();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.replaceAll((name, v) ->
                    name != null && v != null && isPersonal.test(name.toString()) ? PersonalData.MASKED : v);
            return copy;
        }
        return value;
    }
}
