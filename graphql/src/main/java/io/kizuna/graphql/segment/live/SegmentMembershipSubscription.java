package io.kizuna.graphql.segment.live;

import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.CustomerSegmentChange;
import io.kizuna.query.live.LiveEvents;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The live feed of segment entries and exits ({@code segmentMembershipChanged}), from the event store through
 * {@link LiveEvents}: every node's decisions, in the order they were stored, from the moment of subscription on, best
 * effort.
 */
@Controller
public class SegmentMembershipSubscription {

    private final LiveEvents live;

    public SegmentMembershipSubscription(LiveEvents live) {
        this.live = live;
    }

    @SubscriptionMapping
    public Flux<CustomerSegmentChange> segmentMembershipChanged(@Argument String segment) {
        // one feed for both event types keeps an entry and the exit after it in order
        return live.events(List.of(CustomerEnteredSegment.class, CustomerLeftSegment.class))
                .map(SegmentMembershipSubscription::change)
                .filter(change -> segment == null || segment.equals(change.segmentId()));
    }

    static CustomerSegmentChange change(Object event) {
        if (event instanceof CustomerEnteredSegment entered) {
            return new CustomerSegmentChange(
                    entered.customerId(),
                    entered.segmentId(),
                    entered.segmentVersion(),
                    true,
                    entered.at(),
                    entered.causeKind(),
                    entered.causeMessageId());
        }
        CustomerLeftSegment left = (CustomerLeftSegment) event;
        return new CustomerSegmentChange(
                left.customerId(),
                left.segmentId(),
                left.segmentVersion(),
                false,
                left.at(),
                left.causeKind(),
                left.causeMessageId());
    }
}
