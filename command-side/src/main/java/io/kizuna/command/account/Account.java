package io.kizuna.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.kizuna.api.journey.AccountReevaluated;
import io.kizuna.api.journey.AccountRegistered;
import io.kizuna.api.journey.AccountStageEntered;
import io.kizuna.api.journey.AccountTouchpoint;
import io.kizuna.api.journey.AccountTouchpointRecorded;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.RecordAccountActivity;
import io.kizuna.api.journey.ReevaluateAccountJourney;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.journey.CurrentJourneyModels;
import io.kizuna.command.journey.InactivityCheck;
import io.kizuna.command.journey.JourneyPositions;
import io.kizuna.command.journey.StageRules;
import io.kizuna.command.journey.TouchpointFact;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An account (a Segment group: a company, a household) moving through the journey models evaluated per account,
 * such as the B2B model: the touchpoints of all its people count, whoever made them. Same rules and semantics as a
 * customer's journey ({@link JourneyPositions}); a messageId counts once per account.
 */
@Aggregate(cache = "accountCache")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Account {

    @AggregateIdentifier
    private String accountId;

    /** The customer who made each touchpoint that counted, by messageId. */
    private Map<String, String> customerOf = new HashMap<>();

    private JourneyPositions journeys = new JourneyPositions();

    protected Account() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            RecordAccountActivity command, Clock clock, CurrentJourneyModels models, DeadlineManager deadlines) {
        Instant now = clock.instant();
        if (accountId == null) {
            apply(new AccountRegistered(command.accountId(), command.groupId(), now));
        }
        int known = journeys.known();
        for (AccountTouchpoint activity : command.touchpoints()) {
            Touchpoint t = activity.touchpoint();
            if (customerOf.containsKey(t.messageId())) {
                continue;
            }
            apply(new AccountTouchpointRecorded(
                    accountId,
                    activity.customerId(),
                    t.messageId(),
                    t.type(),
                    t.channel(),
                    t.campaign(),
                    t.occurredAt(),
                    t.value(),
                    TouchpointFact.scalars(t.properties()),
                    now));
        }
        journeys.decide(known, perAccount(models), deadlines, now, recorder(now));
        return journeys.known();
    }

    @CommandHandler
    public void handle(
            ReevaluateAccountJourney command, Clock clock, CurrentJourneyModels models, DeadlineManager deadlines) {
        JourneyModel model = models.atLeast(command.model(), command.version());
        if (model != null && model.definition().perAccount()) {
            Instant now = clock.instant();
            journeys.reevaluateIfOlder(model, deadlines, now, recorder(now));
        }
    }

    @DeadlineHandler(deadlineName = InactivityCheck.DEADLINE_NAME)
    void on(InactivityCheck check, CurrentJourneyModels models, DeadlineManager deadlines, Clock clock) {
        Instant now = clock.instant().isBefore(check.due()) ? check.due() : clock.instant();
        journeys.onDeadline(
                check, JourneyPositions.find(perAccount(models), check.model()), deadlines, now, recorder(now));
    }

    private static List<JourneyModel> perAccount(CurrentJourneyModels models) {
        return models.all().stream().filter(m -> m.definition().perAccount()).toList();
    }

    private JourneyPositions.Recorder recorder(Instant now) {
        return new JourneyPositions.Recorder() {
            @Override
            public void entered(
                    JourneyModel model, String from, StageRules.Move move, String causeKind, String causeMessageId) {
                apply(new AccountStageEntered(
                        accountId,
                        model.id(),
                        model.version(),
                        from,
                        move.to(),
                        move.at(),
                        causeKind,
                        causeMessageId,
                        causeMessageId == null ? null : customerOf.get(causeMessageId),
                        now));
            }

            @Override
            public void reevaluated(JourneyModel model, String stage) {
                apply(new AccountReevaluated(accountId, model.id(), model.version(), stage, now));
            }
        };
    }

    @EventSourcingHandler
    void on(AccountRegistered event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(AccountTouchpointRecorded event) {
        customerOf.put(event.messageId(), event.customerId());
        journeys.recorded(TouchpointFact.of(event, journeys.known()));
    }

    @EventSourcingHandler
    void on(AccountStageEntered event, @SequenceNumber long sequence) {
        journeys.entered(event.model(), event.to(), event.at(), event.modelVersion(), sequence);
    }

    @EventSourcingHandler
    void on(AccountReevaluated event, @SequenceNumber long sequence) {
        journeys.reevaluated(event.model(), event.version(), sequence);
    }
}
