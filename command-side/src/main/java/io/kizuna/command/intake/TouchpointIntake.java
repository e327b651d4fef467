package io.kizuna.command.intake;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.customer.TraitsUpdateResult;
import io.kizuna.api.customer.UpdateTraits;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.JsonSize;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.identity.IdentityResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes touchpoints and trait updates from any entry point (GraphQL, HTTP intake), validates all of them before
 * anything is stored, resolves each customer by identifier, and sends one command per customer. Violations name
 * fields relative to the submitted list ({@code [3].value.currency}); callers prefix their argument name.
 */
@Component
public class TouchpointIntake {

    public static final int MAX_TRAITS_CHARACTERS = 16_384;

    private final CommandGateway commands;
    private final IdentityResolver identities;
    private final Clock clock;
    private final int maxBatchSize;

    public TouchpointIntake(
            CommandGateway commands,
            IdentityResolver identities,
            Clock clock,
            @Value("${kizuna.intake.max-batch-size:1000}") int maxBatchSize) {
        this.commands = commands;
        this.identities = identities;
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
    }

    /** One touchpoint together with how the integrator names its customer (not yet normalised). */
    public record Submission(String identifierType, String identifierValue, Touchpoint touchpoint) {}

    /** What a batch did: stored and duplicate counts, the customers in order of first mention, the token. */
    public record Outcome(int accepted, int duplicates, List<String> customerIds, ConsistencyToken consistencyToken) {}

    public Outcome record(List<Submission> submissions) {
        if (submissions == null || submissions.isEmpty()) {
            throw new InvalidInputException("", "give at least one touchpoint");
        }
        if (submissions.size() > maxBatchSize) {
            throw new InvalidInputException(
                    "",
                    "at most " + maxBatchSize + " touchpoints per request, got " + submissions.size()
                            + ": split the batch");
        }
        List<Identifier> identifiers = validate(submissions, clock.instant());

        Map<String, Batch> byCustomer = new LinkedHashMap<>();
        Map<Identifier, String> resolved = new LinkedHashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            Identifier identifier = identifiers.get(i);
            String customerId = resolved.computeIfAbsent(identifier, identities::customerOf);
            Batch batch = byCustomer.computeIfAbsent(customerId, id -> new Batch());
            batch.identifiers.add(identifier);
            batch.touchpoints.add(submissions.get(i).touchpoint());
        }

        int accepted = 0;
        int duplicates = 0;
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (Map.Entry<String, Batch> entry : byCustomer.entrySet()) {
            Batch batch = entry.getValue();
            TouchpointsRecorded result = commands.sendAndWait(new RecordTouchpoints(
                    entry.getKey(), List.copyOf(batch.identifiers), List.copyOf(batch.touchpoints)));
            accepted += result.accepted();
            duplicates += result.duplicates();
            sequences.put(result.customerId(), result.lastSequence());
        }
        return new Outcome(accepted, duplicates, List.copyOf(byCustomer.keySet()), new ConsistencyToken(sequences));
    }

    /** What a trait update did: the customer, whether anything changed, the token. */
    public record TraitsOutcome(String customerId, boolean changed, ConsistencyToken consistencyToken) {}

    public TraitsOutcome updateTraits(String identifierType, String identifierValue, Map<String, Object> traits) {
        List<Violation> violations = new ArrayList<>();
        Identifier.validate(identifierType, identifierValue).forEach(v -> violations.add(v.prefixed("customer")));
        if (traits == null || traits.isEmpty()) {
            violations.add(new Violation("traits", "give at least one trait to set (or to remove with null)"));
        } else {
            traits.keySet().stream()
                    .filter(name -> name == null || name.isBlank() || name.length() > 128)
                    .findFirst()
                    .ifPresent(
                            name -> violations.add(new Violation("traits", "trait names must be 1 to 128 characters")));
            int size = JsonSize.measure(traits, 8);
            if (size < 0 || size > MAX_TRAITS_CHARACTERS) {
                violations.add(new Violation(
                        "traits",
                        "traits must be nested at most 8 deep and at most " + MAX_TRAITS_CHARACTERS + " characters"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Identifier identifier = Identifier.of(identifierType, identifierValue);
        String customerId = identities.customerOf(identifier);
        TraitsUpdateResult result = commands.sendAndWait(new UpdateTraits(customerId, identifier, traits));
        return new TraitsOutcome(
                customerId, result.changed(), new ConsistencyToken(Map.of(customerId, result.lastSequence())));
    }

    private static List<Identifier> validate(List<Submission> submissions, Instant now) {
        List<Violation> violations = new ArrayList<>();
        List<Identifier> identifiers = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            String prefix = "[" + i + "]";
            Submission s = submissions.get(i);
            List<Violation> identifierViolations = Identifier.validate(s.identifierType(), s.identifierValue());
            identifierViolations.forEach(v -> violations.add(v.prefixed(prefix + ".customer")));
            s.touchpoint().validate(now).forEach(v -> violations.add(v.prefixed(prefix)));
            identifiers.add(
                    identifierViolations.isEmpty() ? Identifier.of(s.identifierType(), s.identifierValue()) : null);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return identifiers;
    }

    private static final class Batch {
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final List<Touchpoint> touchpoints = new ArrayList<>();
    }
}
