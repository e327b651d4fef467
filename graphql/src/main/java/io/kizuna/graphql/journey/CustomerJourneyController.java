package io.kizuna.graphql.journey;

import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.journey.FindStageHistory;
import io.kizuna.api.journey.StageHistory;
import io.kizuna.api.journey.StageTransition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A customer's journeys: its current stage per model (from the profile) and its stage history. */
@Controller
public class CustomerJourneyController {

    private final QueryGateway queries;

    public CustomerJourneyController(QueryGateway queries) {
        this.queries = queries;
    }

    @SchemaMapping(typeName = "Customer")
    public List<CustomerStage> stages(CustomerProfile customer) {
        return customer.stages() == null ? List.of() : customer.stages();
    }

    /**
     * One query per customer, run concurrently (the fetcher answers with a future): histories are asked for one
     * customer at a time in practice, and a batch would mix different {@code model} arguments.
     */
    @SchemaMapping(typeName = "Customer")
    public CompletableFuture<List<StageTransition>> stageHistory(CustomerProfile customer, @Argument String model) {
        return queries.query(new FindStageHistory(customer.id(), model), StageHistory.class)
                .thenApply(history -> history == null ? List.of() : history.transitions());
    }
}
