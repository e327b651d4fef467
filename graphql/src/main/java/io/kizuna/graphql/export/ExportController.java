package io.kizuna.graphql.export;

import io.kizuna.api.export.CustomerExport;
import io.kizuna.api.export.ExportCustomer;
import io.kizuna.api.validation.InvalidInputException;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Exports everything held about one customer, as one JSON document, for portability requests. */
@Controller
public class ExportController {

    /** Times as ISO-8601 text, records as objects: the document a person receives. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueryGateway queries;

    public ExportController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public Map<String, Object> exportCustomer(@Argument String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "id", "not a customer id (a UUID such as 2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11)");
        }
        CustomerExport export =
                queries.query(new ExportCustomer(id), CustomerExport.class).join();
        return JSON.convertValue(export, new TypeReference<Map<String, Object>>() {});
    }
}
