package io.kizuna.graphql.journey;

import io.kizuna.api.journey.FindJourneyFunnel;
import io.kizuna.api.journey.JourneyFunnel;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The funnel of a journey model, over a window of stage entries and optionally a segment, channel or campaign. */
@Controller
public class JourneyFunnelController {

    private final QueryGateway queries;

    public JourneyFunnelController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public JourneyFunnel journeyFunnel(
            @Argument String model,
            @Argument Instant from,
            @Argument Instant to,
            @Argument String segment,
            @Argument String channel,
            @Argument String campaign) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInputException("to", "to must be after from (from is inclusive, to exclusive)");
        }
        JourneyFunnel funnel = queries.query(
                        new FindJourneyFunnel(model, from, to, segment, channel, campaign), JourneyFunnel.class)
                .join();
        if (funnel == null) {
            throw new NotFoundException("model", "no journey model with id " + model + ": see journeyModels");
        }
        return funnel;
    }
}
