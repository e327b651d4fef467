package io.kizuna.command.account;

import io.kizuna.api.journey.AccountJourney;
import io.kizuna.api.journey.AccountStageEntered;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.journey.FindAccountJourney;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.command.identity.IdentityResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Accounts' journeys, read straight from the account's stream in the event store: accounts are few and their
 * streams hold only what their journeys need, so no view is kept for them. It lives on the command side because only
 * the command side holds the key that turns a group id into the account's id.
 */
@Component
public class AccountJourneyQueries {

    private final EventStore eventStore;
    private final IdentityResolver identities;

    public AccountJourneyQueries(EventStore eventStore, IdentityResolver identities) {
        this.eventStore = eventStore;
        this.identities = identities;
    }

    @QueryHandler
    public AccountJourney handle(FindAccountJourney query) {
        if (query.groupId() == null || query.groupId().isBlank()) {
            return null;
        }
        DomainEventStream stream = eventStore.readEvents(identities.accountIdOf(query.groupId()), 0);
        if (!stream.hasNext()) {
            return null;
        }
        Map<String, CustomerStage> stages = new LinkedHashMap<>();
        List<StageTransition> history = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof AccountStageEntered e) {
                stages.put(e.model(), new CustomerStage(e.model(), e.to(), e.at()));
                history.add(new StageTransition(
                        e.causeCustomerId(),
                        e.model(),
                        e.modelVersion(),
                        e.from(),
                        e.to(),
                        e.at(),
                        e.causeKind(),
                        e.causeMessageId(),
                        e.recordedAt()));
            }
        }
        return new AccountJourney(query.groupId(), List.copyOf(stages.values()), history);
    }
}
