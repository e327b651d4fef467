package io.kizuna.graphql.scalar;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The schema's scalars, from graphql-java-extended-scalars. {@code DateTime} is theirs (RFC 3339 with an offset),
 * adapted so that Java code sees {@link Instant}s: business and record times are instants in Kizuna.
 */
@Component
public class KizunaScalars implements RuntimeWiringConfigurer {

    public static final GraphQLScalarType DATE_TIME = instantDateTime();

    @Override
    public void configure(graphql.schema.idl.RuntimeWiring.Builder builder) {
        builder.scalar(DATE_TIME)
                .scalar(ExtendedScalars.Json)
                .scalar(ExtendedScalars.GraphQLBigDecimal)
                .scalar(ExtendedScalars.GraphQLLong);
    }

    @SuppressWarnings("unchecked")
    private static GraphQLScalarType instantDateTime() {
        Coercing<OffsetDateTime, String> delegate =
                (Coercing<OffsetDateTime, String>) ExtendedScalars.DateTime.getCoercing();
        return GraphQLScalarType.newScalar()
                .name("DateTime")
                .description(ExtendedScalars.DateTime.getDescription())
                .coercing(new Coercing<Instant, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale)
                            throws CoercingSerializeException {
                        Object adapted = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
                        return delegate.serialize(adapted, context, locale);
                    }

                    @Override
                    public Instant parseValue(Object input, GraphQLContext context, Locale locale)
                            throws CoercingParseValueException {
                        return delegate.parseValue(input, context, locale).toInstant();
                    }

                    @Override
                    public Instant parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                            throws CoercingParseLiteralException {
                        return delegate.parseLiteral(input, variables, context, locale)
                                .toInstant();
                    }

                    @Override
                    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                        Object adapted = input instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : input;
                        return delegate.valueToLiteral(adapted, context, locale);
                    }
                })
                .build();
    }
}
