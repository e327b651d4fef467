package io.kizuna.graphql.journey;

import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.query.live.LiveEvents;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The live feed of stage transitions ({@code stageTransitions}), from the event store through {@link LiveEvents}:
 * every node's decisions, from the moment of subscription on, best effort.
 */
@Controller
public class StageTransitionSubscription {

    private final LiveEvents live;

    public StageTransitionSubscription(LiveEvents live) {
        this.live = live;
    }

    @SubscriptionMapping
    public Flux<StageTransition> stageTransitions(@Argument String model) {
        return live.events(JourneyStageEntered.class)
                .filter(entered -> model == null || model.equals(entered.model()))
                .map(StageTransition::of);
    }
}
