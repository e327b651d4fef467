package io.kizuna.graphql.access;

import io.kizuna.api.access.AccessLogEntry;
import io.kizuna.api.access.AccessLogPage;
import io.kizuna.api.access.FindAccessLog;
import io.kizuna.graphql.customer.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The access log: who read which customer's history, when, how, newest first. */
@Controller
public class AuditLogController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final QueryGateway queries;

    public AuditLogController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public Connection<AccessLogEntry> auditLog(
            @Argument Instant from,
            @Argument Instant to,
            @Argument String actor,
            @Argument String customerId,
            @Argument Integer first,
            @Argument String after) {
        AccessLogPage page = queries.query(
                        new FindAccessLog(
                                from, to, actor, customerId, first == null ? DEFAULT_PAGE_SIZE : first, after),
                        AccessLogPage.class)
                .join();
        List<Connection.Edge<AccessLogEntry>> edges = new ArrayList<>();
        for (int i = 0; i < page.entries().size(); i++) {
            edges.add(
                    new Connection.Edge<>(page.entries().get(i), page.cursors().get(i)));
        }
        List<String> cursors = page.cursors();
        Connection.PageInfo pageInfo = new Connection.PageInfo(
                page.hasNextPage(),
                after != null,
                cursors.isEmpty() ? null : cursors.get(0),
                cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        return new Connection<>(edges, pageInfo, page.totalCount());
    }
}
