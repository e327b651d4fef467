package io.kizuna.graphql.customer;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.CustomerFilter;
import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerResult;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.customer.FindCustomerByIdentifier;
import io.kizuna.api.customer.FindTimeline;
import io.kizuna.api.customer.SearchCustomers;
import io.kizuna.api.customer.TimelineEntry;
import io.kizuna.api.customer.TimelinePage;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.command.intake.IdentifierNormaliser;
import io.kizuna.graphql.consistency.ConsistencyReport;
import io.kizuna.graphql.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Customer reads: by id, by identifier, search, and the timeline of one customer. */
@Controller
public class CustomerController {

    private final QueryGateway queries;
    private final IdentifierNormaliser identifiers;

    public CustomerController(QueryGateway queries, IdentifierNormaliser identifiers) {
        this.queries = queries;
        this.identifiers = identifiers;
    }

    @QueryMapping
    public DataFetcherResult<CustomerProfile> customer(
            @Argument String id, @Argument String consistencyToken, DataFetchingEnvironment env) {
        requireCustomerId(id);
        CustomerResult result = queries.query(
                        new FindCustomer(id, ConsistencyToken.decode(consistencyToken)), CustomerResult.class)
                .join();
        return found(result, env, "no customer with id " + id);
    }

    @QueryMapping
    public DataFetcherResult<CustomerProfile> customerByIdentifier(
            @Argument String type,
            @Argument String value,
            @Argument String consistencyToken,
            DataFetchingEnvironment env) {
        Identifier identifier = identifiers.normalise(type, value);
        CustomerResult result = queries.query(
                        new FindCustomerByIdentifier(identifier, ConsistencyToken.decode(consistencyToken)),
                        CustomerResult.class)
                .join();
        return found(result, env, "no customer is known by this " + type);
    }

    @QueryMapping
    public Connection<CustomerProfile> customers(
            @Argument String query,
            @Argument CustomerFilter filter,
            @Argument Integer first,
            @Argument String after,
            @Argument String consistencyToken,
            DataFetchingEnvironment env) {
        CustomerPage page = queries.query(
                        new SearchCustomers(
                                query,
                                filter,
                                first == null ? 20 : first,
                                after,
                                ConsistencyToken.decode(consistencyToken)),
                        CustomerPage.class)
                .join();
        ConsistencyReport.record(env.getGraphQlContext(), page.consistency());
        return Connection.of(page.customers(), page.cursors(), page.hasNextPage(), after != null, page.totalCount());
    }

    @SchemaMapping(typeName = "Customer")
    public Connection<TimelineEntry> timeline(
            CustomerProfile customer,
            @Argument Integer first,
            @Argument String after,
            @Argument List<String> types,
            @Argument List<String> channels,
            @Argument Instant from,
            @Argument Instant to) {
        TimelinePage page = queries.query(
                        new FindTimeline(
                                customer.id(),
                                first == null ? 20 : first,
                                after,
                                types,
                                channels,
                                from,
                                to,
                                ConsistencyToken.empty()),
                        TimelinePage.class)
                .join();
        return Connection.of(
                page.entries(),
                page.cursors(),
                page.hasNextPage(),
                after != null,
                page.entries().size());
    }

    private static DataFetcherResult<CustomerProfile> found(
            CustomerResult result, DataFetchingEnvironment env, String notFoundMessage) {
        ConsistencyReport.record(env.getGraphQlContext(), result.consistency());
        if (result.profile() != null) {
            return DataFetcherResult.<CustomerProfile>newResult()
                    .data(result.profile())
                    .build();
        }
        return DataFetcherResult.<CustomerProfile>newResult()
                .error(graphql.GraphqlErrorBuilder.newError(env)
                        .message(notFoundMessage)
                        .extensions(java.util.Map.of("code", ErrorCode.NOT_FOUND))
                        .build())
                .build();
    }

    private static void requireCustomerId(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "id", "not a customer id (a UUID such as 2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11)");
        }
    }
}
