package io.kizuna.graphql.history;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.history.CustomerSnapshot;
import io.kizuna.api.history.FindCustomerAsOf;
import io.kizuna.api.history.FindCustomerHistory;
import io.kizuna.api.history.HistoryEntry;
import io.kizuna.api.history.HistoryPage;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.graphql.customer.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A customer's history as stored (replay) and the customer as of a point in time (time travel). */
@Controller
public class HistoryController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final QueryGateway queries;

    public HistoryController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public Connection<HistoryEntry> customerHistory(
            @Argument String id,
            @Argument Integer first,
            @Argument String after,
            @Argument Instant from,
            @Argument Instant to,
            @Argument List<String> types) {
        requireCustomerId(id);
        HistoryPage page = queries.query(
                        new FindCustomerHistory(id, first == null ? DEFAULT_PAGE_SIZE : first, after, from, to, types),
                        HistoryPage.class)
                .join();
        List<Connection.Edge<HistoryEntry>> edges =
                new ArrayList<>(page.entries().size());
        for (int i = 0; i < page.entries().size(); i++) {
            edges.add(
                    new Connection.Edge<>(page.entries().get(i), page.cursors().get(i)));
        }
        List<String> cursors = page.cursors();
        String start = cursors.isEmpty() ? null : cursors.get(0);
        String end = cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
        return new Connection<>(
                edges, new Connection.PageInfo(page.hasNextPage(), after != null, start, end), page.totalCount());
    }

    @QueryMapping
    public CustomerSnapshot customerAsOf(@Argument String id, @Argument Instant knownAt, @Argument Instant occurredBy) {
        requireCustomerId(id);
        return queries.query(
                        new FindCustomerAsOf(id, knownAt, occurredBy), ResponseTypes.instanceOf(CustomerSnapshot.class))
                .join();
    }

    /** Segment memberships as of then, from the recorded entries and exits. */
    @SchemaMapping(typeName = "CustomerSnapshot")
    public List<SegmentMembership> segments(CustomerSnapshot snapshot) {
        return snapshot.segments() == null ? List.of() : snapshot.segments();
    }

    /** Consent answers in force as of then. */
    @SchemaMapping(typeName = "CustomerSnapshot")
    public List<Consent> consents(CustomerSnapshot snapshot) {
        return snapshot.consents() == null ? List.of() : snapshot.consents();
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
