package io.kizuna.query.export;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.export.CustomerExport;
import io.kizuna.api.export.ExportCustomer;
import io.kizuna.api.history.FindCustomerHistory;
import io.kizuna.api.history.HistoryEntry;
import io.kizuna.api.history.HistoryPage;
import io.kizuna.api.journey.FindStageHistory;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.query.customer.CustomerQueries;
import io.kizuna.query.history.HistoryQueries;
import io.kizuna.query.journey.JourneyQueries;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers a portability request with everything held about one customer, assembled from the queries that serve each
 * part (profile, stage history, history), so an export shows exactly what those show, redactions included. Nothing is
 * cached: every export reads afresh.
 */
@Component
public class CustomerExports {

    private final CustomerQueries customers;
    private final HistoryQueries history;
    private final JourneyQueries journeys;
    private final Clock clock;
    private final int pageSize;

    public CustomerExports(
            CustomerQueries customers,
            HistoryQueries history,
            JourneyQueries journeys,
            Clock clock,
            @Value("${kizuna.query.max-page-size:100}") int pageSize) {
        this.customers = customers;
        this.history = history;
        this.journeys = journeys;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /**
     * The history first: it throws {@code NotFoundException} for an unknown customer. A merged-away customer's id
     * exports its own history and stage moves, and the profile of its survivor (which names it in {@code mergedFrom}).
     */
    @QueryHandler
    public CustomerExport handle(ExportCustomer query) throws IOException {
        String customerId = query.customerId();
        List<HistoryEntry> events = new ArrayList<>();
        String after = null;
        while (true) {
            HistoryPage page =
                    history.handle(new FindCustomerHistory(customerId, pageSize, after, null, null, List.of()));
            events.addAll(page.entries());
            if (!page.hasNextPage() || page.cursors().isEmpty()) {
                break;
            }
            after = page.cursors().get(page.cursors().size() - 1);
        }
        CustomerProfile profile = customers
                .handle(new FindCustomer(customerId, ConsistencyToken.empty()))
                .profile();
        List<StageTransition> stages =
                journeys.handle(new FindStageHistory(customerId, null)).transitions();
        return new CustomerExport(
                customerId,
                clock.instant(),
                profile,
                profile == null ? List.of() : profile.identifiers(),
                profile == null ? List.of() : profile.consents(),
                profile == null ? List.of() : profile.segments(),
                stages,
                List.copyOf(events));
    }
}
