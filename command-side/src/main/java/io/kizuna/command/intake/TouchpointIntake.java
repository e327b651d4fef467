package io.kizuna.command.intake;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.customer.TraitsUpdate;
import io.kizuna.api.customer.TraitsUpdateResult;
import io.kizuna.api.customer.UpdateTraits;
import io.kizuna.api.history.Causation;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.AccountTouchpoint;
import io.kizuna.api.journey.RecordAccountActivity;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.JsonSize;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.account.AccountOf;
import io.kizuna.command.causation.CommandCausation;
import io.kizuna.command.identity.IdentityResolver;
import io.kizuna.command.merge.MergeProtection;
import io.kizuna.command.merge.MergeService;
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
import java.util.function.Function;
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

    private static final int MAX_REDIRECTS = 20;

    private final CommandGateway commands;
    private final IdentityResolver identities;
    private final MergeService merges;
    private final MergeProtection protection;
    private final IdentifierNormaliser normaliser;
    private final Clock clock;
    private final int maxBatchSize;

    public TouchpointIntake(
            CommandGateway commands,
            IdentityResolver identities,
            MergeService merges,
            MergeProtection protection,
            IdentifierNormaliser normaliser,
            Clock clock,
            @Value("${kizuna.intake.max-batch-size:1000}") int maxBatchSize) {
        this.commands = commands;
        this.identities = identities;
        this.merges = merges;
        this.protection = protection;
        this.normaliser = normaliser;
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
            normaliser
                    .validate(s.identifierType(), s.identifierValue())
                    .forEach(v -> violations.add(v.prefixed(prefix + ".customer")));
            if (protection.isBlocked(s.identifierValue())) {
                violations.add(new Violation(
                        prefix + ".customer.value",
                        "'" + s.identifierValue() + "' is a placeholder, not an identifier"));
            }
            s.touchpoint().validate(now).forEach(v -> violations.add(v.prefixed(prefix)));
            messages.add(IntakeMessage.touchpoint(s.identifierType(), s.identifierValue(), s.touchpoint()));
        }
        reject(violations);
        return CommandCausation.within(Causation.graphql(), () -> store(messages, null));
    }

    /**
     * Messages with any number of identifiers, a touchpoint and/or traits, as the HTTP intake sends them. Fields in
     * violations are named behind {@code fieldPrefix}, e.g. {@code batch[3].identifiers[0].value}.
     */
    public Outcome submit(List<IntakeMessage> messages, String fieldPrefix) {
        return submit(messages, fieldPrefix, null);
    }

    /** As {@link #submit(List, String)}, for messages from a source (recorded as the cause of any merge they make). */
    public Outcome submit(List<IntakeMessage> messages, String fieldPrefix, String sourceId) {
        return submit(messages, fieldPrefix, sourceId, null);
    }

    /**
     * As {@link #submit(List, String, String)}, naming the request ({@code requestId}, a new one when null) in the
     * metadata of every command sent and so of every event stored.
     */
    public Outcome submit(List<IntakeMessage> messages, String fieldPrefix, String sourceId, String requestId) {
        checkSize(messages, "messages", fieldPrefix);
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            validate(messages.get(i), now, violations, fieldPrefix + "[" + i + "]");
        }
        reject(violations);
        return CommandCausation.within(Causation.source(sourceId, requestId), () -> store(messages, sourceId));
    }

    /** A trait update by GraphQL: one identifier, at least one trait. */
    public TraitsOutcome updateTraits(String identifierType, String identifierValue, Map<String, Object> traits) {
        List<Violation> violations = new ArrayList<>();
        normaliser.validate(identifierType, identifierValue).forEach(v -> violations.add(v.prefixed("customer")));
        if (traits == null || traits.isEmpty()) {
            violations.add(new Violation("traits", "give at least one trait to set (or to remove with null)"));
        } else {
            checkTraits(traits, "traits", violations);
        }
        reject(violations);
        Identifier identifier = normaliser.normalise(identifierType, identifierValue);
        Causation causation = Causation.graphql();
        String customerId = CommandCausation.within(causation, () -> identities.customerOf(identifier));
        TraitsUpdateResult result = CommandCausation.within(
                causation, () -> commands.sendAndWait(new UpdateTraits(customerId, List.of(identifier), traits, null)));
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

    private void validate(IntakeMessage m, Instant now, List<Violation> violations, String prefix) {
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
            normaliser.validate(refs.get(j).type(), refs.get(j).value()).forEach(v -> violations.add(v.prefixed(at)));
        }
        if (!refs.isEmpty() && refs.stream().allMatch(ref -> protection.isBlocked(ref.value()))) {
            violations.add(new Violation(
                    prefix + ".identifiers",
                    "every identifier has a placeholder value such as 'undefined' or 'null': send a real id"));
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
        for (int j = 0; j < m.consent().size(); j++) {
            ConsentChange change = m.consent().get(j);
            String at = prefix + ".consent[" + j + "]";
            violations.addAll(Consents.validate(change.purpose(), change.channel(), at));
            if (!Objects.equals(change.messageId(), m.messageId())) {
                violations.add(new Violation(at, "a consent answer must carry the message's messageId"));
            }
            if (change.at() == null) {
                violations.add(new Violation(at, "a consent answer needs its time"));
            }
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

    /**
     * Resolves every message's customer (merging customers a message ties together, as protection allows), then
     * sends each customer's share of the request as one command: its trait updates in order, then its touchpoints.
     */
    private Outcome store(List<IntakeMessage> messages, String sourceId) {
        Map<String, CustomerShare> byCustomer = new LinkedHashMap<>();
        Map<List<Identifier>, IdentityResolver.Resolution> resolved = new HashMap<>();
        for (IntakeMessage message : messages) {
            List<Identifier> identifiers = message.identifiers().stream()
                    .filter(ref -> !protection.isBlocked(ref.value()))
                    .map(ref -> normaliser.normalise(ref.type(), ref.value()))
                    .distinct()
                    .toList();
            IdentityResolver.Resolution resolution = resolved.get(identifiers);
            if (resolution == null) {
                resolution = resolveAndMerge(identifiers, MergeCause.message(message.messageId(), sourceId));
                if (resolution.otherCustomers().isEmpty()) {
                    resolved.put(identifiers, resolution);
                } else {
                    resolved.clear(); // merges moved identifiers: earlier answers may be stale
                }
            }
            CustomerShare share = byCustomer.computeIfAbsent(resolution.customerId(), id -> new CustomerShare());
            share.identifiers.addAll(resolution.attached());
            if (message.touchpoint() != null) {
                share.touchpoints.add(message.touchpoint());
            }
            share.consentChanges.addAll(message.consent());
            if (message.traits() != null) {
                share.traitUpdates.add(new TraitsUpdate(message.messageId(), message.traits()));
            } else if (message.touchpoint() == null) {
                share.links++;
            }
        }

        int accepted = 0;
        int duplicates = 0;
        Map<String, Long> sequences = new LinkedHashMap<>();
        List<String> customers = new ArrayList<>();
        Map<String, List<AccountTouchpoint>> byAccount = new LinkedHashMap<>();
        for (Map.Entry<String, CustomerShare> entry : byCustomer.entrySet()) {
            CustomerShare share = entry.getValue();
            String customerId = entry.getKey();
            List<Identifier> identifiers = List.copyOf(share.identifiers);
            List<Touchpoint> touchpoints = List.copyOf(share.touchpoints);
            List<TraitsUpdate> traitUpdates = List.copyOf(share.traitUpdates);
            List<ConsentChange> consentChanges = List.copyOf(share.consentChanges);
            // one command, one append: the customer's trait updates, then its touchpoints, then its consent answers
            Routed<TouchpointsRecorded> routed = send(
                    customerId,
                    id -> new RecordTouchpoints(id, identifiers, touchpoints, traitUpdates, sourceId, consentChanges));
            customerId = routed.customerId();
            accepted += routed.result().accepted() + share.links;
            duplicates += routed.result().duplicates();
            sequences.merge(customerId, routed.result().lastSequence(), Math::max);
            if (!customers.contains(customerId)) {
                customers.add(customerId);
            }
            for (Touchpoint t : touchpoints) {
                String groupId = AccountOf.groupId(t);
                if (groupId != null) {
                    byAccount
                            .computeIfAbsent(groupId, g -> new ArrayList<>())
                            .add(new AccountTouchpoint(customerId, t));
                }
            }
        }
        // accounts after their people: a retried request finds the customers' part stored and completes this one
        byAccount.forEach((groupId, activity) ->
                commands.sendAndWait(new RecordAccountActivity(identities.accountIdOf(groupId), groupId, activity)));
        return new Outcome(accepted, duplicates, customers, new ConsistencyToken(sequences));
    }

    /**
     * Resolves a message's customer and merges the customers it ties together, as protection allows; answers with
     * the resolution as it stands after the merges (which moved identifiers to survivors).
     */
    private IdentityResolver.Resolution resolveAndMerge(List<Identifier> identifiers, MergeCause cause) {
        IdentityResolver.Resolution resolution = identities.resolve(identifiers);
        // identifiers over their type's limit got customers of their own: register them before anything merges
        resolution
                .split()
                .forEach((customerId, identifier) ->
                        send(customerId, id -> new UpdateTraits(id, List.of(identifier), null, null)));
        String customerId = resolution.customerId();
        if (!resolution.otherCustomers().isEmpty()) {
            // the customers to merge may exist only as claims so far: claimed by an earlier message of this request,
            // whose touchpoints are stored after resolution, or by a request that failed before storing anything.
            // Register each with the identifiers that name it here, so the merge finds both (a no-op for customers
            // that exist and know them).
            if (!resolution.attached().isEmpty()) {
                send(customerId, id -> new UpdateTraits(id, resolution.attached(), null, null));
            }
            resolution
                    .namingOthers()
                    .forEach((other, naming) -> send(other, id -> new UpdateTraits(id, naming, null, null)));
        }
        boolean merged = false;
        for (String other : resolution.otherCustomers()) {
            MergeService.Outcome outcome = merges.merge(customerId, other, cause);
            merged |= outcome.merged();
            customerId = outcome.survivorId();
        }
        return merged ? identities.resolve(identifiers) : resolution;
    }

    private record Routed<R>(String customerId, R result) {}

    /** Sends a command to a customer, following it to the survivor if the customer was merged meanwhile. */
    private <R> Routed<R> send(String customerId, Function<String, Object> command) {
        String target = customerId;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            try {
                R result = commands.sendAndWait(command.apply(target));
                return new Routed<>(target, result);
            } catch (CustomerMergedException e) {
                target = e.survivorId();
            }
        }
        throw new IllegalStateException("too many merge redirects from customer " + customerId);
    }

    private static final class CustomerShare {
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final List<Touchpoint> touchpoints = new ArrayList<>();
        final List<TraitsUpdate> traitUpdates = new ArrayList<>();
        final List<ConsentChange> consentChanges = new ArrayList<>();
        /** Messages that only link identifiers: nothing to store but the identifiers themselves. */
        int links;
    }
}
