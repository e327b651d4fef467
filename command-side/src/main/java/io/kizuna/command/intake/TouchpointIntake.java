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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes integrators' messages from any entry point (GraphQL, the Segment-compatible HTTP intake), validates all of
 * them before anything is stored, resolves each message's customer from its identifiers, and sends the customer's
 * touchpoints of the request as one command (one append) and its trait updates in order. Violations name fields
 * relative to the submitted list ({@code [3].value.currency}) behind the caller's prefix.
 */
@Component
public class TouchpointIntake {

    public static final int MAX_TRAITS_CHARACTERS = 16_384;
    public static final int MAX_IDENTIFIERS_PER_MESSAGE = 10;

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

    /** What a trait update did: the customer, whether anything changed, the token. */
    public record TraitsOutcome(String customerId, boolean changed, ConsistencyToken consistencyToken) {}

    /** Touchpoints as the GraphQL mutation sends them: one identifier each; fields named {@code [i].customer.type}. */
    public Outcome record(List<Submission> submissions) {
        checkSize(submissions, "touchpoints", "");
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        List<IntakeMessage> messages = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            String prefix = "[" + i + "]";
            Submission s = submissions.get(i);
            Identifier.validate(s.identifierType(), s.identifierValue())
                    .forEach(v -> violations.add(v.prefixed(prefix + ".customer")));
            s.touchpoint().validate(now).forEach(v -> violations.add(v.prefixed(prefix)));
            messages.add(IntakeMessage.touchpoint(s.identifierType(), s.identifierValue(), s.touchpoint()));
        }
        reject(violations);
        return store(messages);
    }

    /**
     * Messages with any number of identifiers, a touchpoint and/or traits, as the HTTP intake sends them. Fields in
     * violations are named behind {@code fieldPrefix}, e.g. {@code batch[3].identifiers[0].value}.
     */
    public Outcome submit(List<IntakeMessage> messages, String fieldPrefix) {
        checkSize(messages, "messages", fieldPrefix);
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            validate(messages.get(i), now, violations, fieldPrefix + "[" + i + "]");
        }
        reject(violations);
        return store(messages);
    }

    /** A trait update by GraphQL: one identifier, at least one trait. */
    public TraitsOutcome updateTraits(String identifierType, String identifierValue, Map<String, Object> traits) {
        List<Violation> violations = new ArrayList<>();
        Identifier.validate(identifierType, identifierValue).forEach(v -> violations.add(v.prefixed("customer")));
        if (traits == null || traits.isEmpty()) {
            violations.add(new Violation("traits", "give at least one trait to set (or to remove with null)"));
        } else {
            checkTraits(traits, "traits", violations);
        }
        reject(violations);
        Identifier identifier = Identifier.of(identifierType, identifierValue);
        String customerId = identities.customerOf(identifier);
        TraitsUpdateResult result =
                commands.sendAndWait(new UpdateTraits(customerId, List.of(identifier), traits, null));
        return new TraitsOutcome(
                customerId, result.changed(), new ConsistencyToken(Map.of(customerId, result.lastSequence())));
    }

    private void checkSize(List<?> items, String what, String field) {
        if (items == null || items.isEmpty()) {
            throw new InvalidInputException(field, "give at least one of the " + what);
        }
        if (items.size() > maxBatchSize) {
            throw new InvalidInputException(
                    field,
                    "at most " + maxBatchSize + " " + what + " per request, got " + items.size() + ": split the batch");
        }
    }

    private static void validate(IntakeMessage m, Instant now, List<Violation> violations, String prefix) {
        if (m.messageId() == null || m.messageId().isBlank()) {
            violations.add(new Violation(prefix + ".messageId", "messageId is required: it is the idempotency key"));
        } else if (m.messageId().length() > Touchpoint.MAX_MESSAGE_ID_LENGTH) {
            violations.add(new Violation(
                    prefix + ".messageId", "messageId is longer than " + Touchpoint.MAX_MESSAGE_ID_LENGTH));
        }
        List<IntakeMessage.IdentifierRef> refs = m.identifiers() == null ? List.of() : m.identifiers();
        if (refs.isEmpty()) {
            violations.add(new Violation(prefix + ".identifiers", "name the customer by at least one identifier"));
        } else if (refs.size() > MAX_IDENTIFIERS_PER_MESSAGE) {
            violations.add(new Violation(
                    prefix + ".identifiers", "at most " + MAX_IDENTIFIERS_PER_MESSAGE + " identifiers per message"));
        }
        for (int j = 0; j < refs.size(); j++) {
            String at = prefix + ".identifiers[" + j + "]";
            Identifier.validate(refs.get(j).type(), refs.get(j).value()).forEach(v -> violations.add(v.prefixed(at)));
        }
        if (m.touchpoint() != null) {
            m.touchpoint().validate(now).forEach(v -> violations.add(v.prefixed(prefix)));
            if (!Objects.equals(m.touchpoint().messageId(), m.messageId())) {
                violations.add(
                        new Violation(prefix + ".messageId", "the touchpoint must carry the message's messageId"));
            }
        }
        if (m.traits() != null) {
            checkTraits(m.traits(), prefix + ".traits", violations);
        }
    }

    private static void checkTraits(Map<String, Object> traits, String field, List<Violation> violations) {
        if (traits.keySet().stream().anyMatch(name -> name == null || name.isBlank() || name.length() > 128)) {
            violations.add(new Violation(field, "trait names must be 1 to 128 characters"));
        }
        int size = JsonSize.measure(traits, 8);
        if (size < 0 || size > MAX_TRAITS_CHARACTERS) {
            violations.add(new Violation(
                    field,
                    "traits must be nested at most 8 deep and at most " + MAX_TRAITS_CHARACTERS + " characters"));
        }
    }

    private static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Resolves every message's customer, then sends each customer's share of the request. */
    private Outcome store(List<IntakeMessage> messages) {
        Map<String, CustomerShare> byCustomer = new LinkedHashMap<>();
        Map<List<Identifier>, IdentityResolver.Resolution> resolved = new HashMap<>();
        for (IntakeMessage message : messages) {
            List<Identifier> identifiers = message.identifiers().stream()
                    .map(ref -> Identifier.of(ref.type(), ref.value()))
                    .toList();
            IdentityResolver.Resolution resolution = resolved.computeIfAbsent(identifiers, identities::resolve);
            CustomerShare share = byCustomer.computeIfAbsent(resolution.customerId(), id -> new CustomerShare());
            share.identifiers.addAll(resolution.attached());
            if (message.touchpoint() != null) {
                share.touchpoints.add(message.touchpoint());
            }
            if (message.traits() != null || message.touchpoint() == null) {
                share.traitMessages.add(message);
            }
        }

        int accepted = 0;
        int duplicates = 0;
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (Map.Entry<String, CustomerShare> entry : byCustomer.entrySet()) {
            String customerId = entry.getKey();
            CustomerShare share = entry.getValue();
            List<Identifier> identifiers = List.copyOf(share.identifiers);
            for (IntakeMessage message : share.traitMessages) {
                TraitsUpdateResult result = commands.sendAndWait(
                        new UpdateTraits(customerId, identifiers, message.traits(), message.messageId()));
                if (result.duplicate()) {
                    duplicates++;
                } else {
                    accepted++;
                }
                sequences.merge(customerId, result.lastSequence(), Math::max);
            }
            if (!share.touchpoints.isEmpty()) {
                TouchpointsRecorded result = commands.sendAndWait(
                        new RecordTouchpoints(customerId, identifiers, List.copyOf(share.touchpoints)));
                accepted += result.accepted();
                duplicates += result.duplicates();
                sequences.merge(customerId, result.lastSequence(), Math::max);
            }
        }
        return new Outcome(accepted, duplicates, List.copyOf(byCustomer.keySet()), new ConsistencyToken(sequences));
    }

    private static final class CustomerShare {
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final List<Touchpoint> touchpoints = new ArrayList<>();
        final List<IntakeMessage> traitMessages = new ArrayList<>();
    }
}
