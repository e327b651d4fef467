package io.kizuna.graphql.journey;

import io.kizuna.api.journey.AccountJourney;
import io.kizuna.api.journey.FindAccountJourney;
import io.kizuna.api.journey.StageTransition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Accounts' journeys in the per-account models (B2B). */
@Controller
public class AccountJourneyController {

    private final QueryGateway queries;

    public AccountJourneyController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<AccountJourney> account(@Argument String groupId) {
        return queries.query(new FindAccountJourney(groupId), AccountJourney.class);
    }

    @SchemaMapping(typeName = "AccountJourney")
    public List<StageTransition> stageHistory(AccountJourney account, @Argument String model) {
        return account.history().stream()
                .filter(t -> model == null || model.equals(t.model()))
                .toList();
    }
}
