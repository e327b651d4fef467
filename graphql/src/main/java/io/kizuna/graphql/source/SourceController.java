package io.kizuna.graphql.source;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.kizuna.api.source.ListSources;
import io.kizuna.api.source.SourceDetails;
import io.kizuna.api.source.SourceList;
import io.kizuna.command.source.SourceRegistry;
import io.kizuna.command.source.UnknownSourceException;
import io.kizuna.graphql.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Sources and their write keys: create (the key is shown once), list, revoke. */
@Controller
public class SourceController {

    private final SourceRegistry registry;
    private final QueryGateway queries;

    public SourceController(SourceRegistry registry, QueryGateway queries) {
        this.registry = registry;
        this.queries = queries;
    }

    public record CreateSourcePayload(SourceDetails source, String writeKey) {}

    @MutationMapping
    public CreateSourcePayload createSource(@Argument String name) {
        SourceRegistry.CreatedSource created = registry.create(name);
        return new CreateSourcePayload(created.source(), created.writeKey());
    }

    @MutationMapping
    public DataFetcherResult<SourceDetails> revokeSource(@Argument String id, DataFetchingEnvironment env) {
        try {
            return DataFetcherResult.<SourceDetails>newResult()
                    .data(registry.revoke(id))
                    .build();
        } catch (UnknownSourceException e) {
            return DataFetcherResult.<SourceDetails>newResult()
                    .error(GraphqlErrorBuilder.newError(env)
                            .message(e.getMessage())
                            .extensions(Map.of("code", ErrorCode.NOT_FOUND))
                            .build())
                    .build();
        }
    }

    @QueryMapping
    public List<SourceDetails> sources(@Argument Boolean includeRevoked) {
        ListSources query = new ListSources(includeRevoked == null || includeRevoked);
        return queries.query(query, SourceList.class).join().sources();
    }
}
