package io.kizuna.graphql.security;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The API's schema as the platform loads it (every {@code graphql/*.graphqls}), for tests that walk it. */
final class KizunaSchemaFiles {

    private KizunaSchemaFiles() {}

    static GraphQLSchema schema() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        try {
            for (Resource file :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/*.graphqls")) {
                try (InputStreamReader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                    registry.merge(parser.parse(reader));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    /** Every root field as {@code Type.field}. */
    static List<String> rootFields(GraphQLSchema schema) {
        List<String> fields = new ArrayList<>();
        for (GraphQLObjectType root :
                new GraphQLObjectType[] {schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()
                }) {
            if (root != null) {
                for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                    fields.add(root.getName() + "." + field.getName());
                }
            }
        }
        return fields;
    }
}
