package io.kizuna.command.consent;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.ConsentRecorded;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.consent.RecordConsent;
import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.history.Causation;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.causation.CommandCausation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Gives or withdraws a known customer's consent for a purpose, as a person asks through GraphQL (integrators send
 * consent with their messages instead: Segment's {@code context.consent}). The answer is dated now; the same answer
 * again records nothing. A merged-away customer's consent goes to its survivor.
 */
@Component
public class ConsentIntake {

    private static final int MAX_REDIRECTS = 20;

    private final CommandGateway commands;
    private final Clock clock;

    public ConsentIntake(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** What a consent change did: the customer it was recorded on, whether it recorded anything, the token. */
    public record Outcome(String customerId, boolean changed, ConsistencyToken consistencyToken) {}

    /**
     * @throws InvalidInputException naming {@code customerId}, {@code purpose} or {@code channel}
     * @throws NotFoundException when there is no such customer
     */
    public Outcome change(String customerId, String purpose, String channel, boolean granted) {
        List<Violation> violations = new ArrayList<>();
        try {
            UUID.fromString(customerId == null ? "" : customerId);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(
                    "customerId", "not a customer id (a UUID such as 2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11)"));
        }
        violations.addAll(Consents.validate(purpose, channel, ""));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        ConsentChange change = new ConsentChange(purpose, channel, granted, clock.instant(), null);
        String target = customerId;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            String current = target;
            try {
                ConsentRecorded recorded = CommandCausation.within(
                        Causation.graphql(),
                        () -> commands.sendAndWait(new RecordConsent(current, List.of(change), null)));
                return new Outcome(
                        current,
                        recorded.recorded() > 0,
                        new ConsistencyToken(Map.of(current, recorded.lastSequence())));
            } catch (CustomerMergedException e) {
                target = e.survivorId();
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException("customerId", "no customer with id " + customerId + ": check the id");
            }
        }
        throw new IllegalStateException("too many merge redirects from customer " + customerId);
    }
}
