package io.kizuna.command.merge;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.AbsorbCustomer;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.DescribeCustomer;
import io.kizuna.api.merge.MarkMerged;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.merge.RecordMergeRefusal;
import io.kizuna.command.identity.IdentityResolver;
import java.util.Comparator;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Merges two customers who turn out to be one person. The survivor is the one with a userId, else the one
 * registered first. Both record the merge (history is never rewritten: the absorbed customer keeps its stream and
 * becomes a redirect), and every identifier of the absorbed customer is reassigned to the survivor. A merge that
 * {@link MergeProtection} forbids is recorded as refused instead. Every step is idempotent, so a merge interrupted
 * half-way is completed by the next message that ties the two customers.
 */
@Component
public class MergeService {

    private static final int MAX_REDIRECTS = 20;
    private static final int ATTEMPTS = 5;

    private final CommandGateway commands;
    private final IdentityResolver identities;
    private final MergeProtection protection;

    public MergeService(CommandGateway commands, IdentityResolver identities, MergeProtection protection) {
        this.commands = commands;
        this.identities = identities;
        this.protection = protection;
    }

    /** What a merge did: the survivor (the live customer either way), and the refusal reason if it was refused. */
    public record Outcome(
            String survivorId, String absorbedId, boolean merged, String refusal, long survivorSequence) {}

    /** Merges the customers of a message that tied them; the survivor is chosen by the rules. */
    public Outcome merge(String customerId, String otherCustomerId, MergeCause cause) {
        return merge(customerId, otherCustomerId, cause, false);
    }

    /** Merges {@code absorbedId} into {@code survivorId} as a person decided (still subject to protection). */
    public Outcome mergeInto(String survivorId, String absorbedId, MergeCause cause) {
        return merge(survivorId, absorbedId, cause, true);
    }

    /** Concurrent merges of the same customers can overtake each other; each attempt starts from the live ones. */
    private Outcome merge(String first, String second, MergeCause cause, boolean firstSurvives) {
        CustomerMergedException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(first, second, cause, firstSurvives);
            } catch (CustomerMergedException e) {
                last = e;
            }
        }
        throw last;
    }

    private Outcome attempt(String first, String second, MergeCause cause, boolean firstSurvives) {
        CustomerFacts a = live(first);
        CustomerFacts b = live(second);
        if (a.customerId().equals(b.customerId())) {
            return new Outcome(a.customerId(), null, false, null, -1);
        }
        Optional<String> refusal = protection.refusal(
                a.identifiers(),
                a.absorbedIds().size(),
                b.identifiers(),
                b.absorbedIds().size());
        if (refusal.isPresent()) {
            long sequence =
                    commands.sendAndWait(new RecordMergeRefusal(a.customerId(), b.customerId(), refusal.get(), cause));
            return new Outcome(a.customerId(), null, false, refusal.get(), sequence);
        }
        CustomerFacts survivor = firstSurvives ? a : survivorOf(a, b);
        CustomerFacts absorbed = survivor == a ? b : a;

        CustomerFacts taken = commands.sendAndWait(new MarkMerged(absorbed.customerId(), survivor.customerId(), cause));
        // the survivor may itself be merged away meanwhile: the absorption then goes on to its survivor, the only
        // one that can still take it (a merged-away customer absorbs nothing)
        String target = survivor.customerId();
        long sequence = -1;
        for (int hop = 0; hop < MAX_REDIRECTS && sequence < 0; hop++) {
            try {
                sequence = commands.sendAndWait(new AbsorbCustomer(
                        target,
                        absorbed.customerId(),
                        taken.identifiers(),
                        taken.messageIds(),
                        taken.absorbedIds(),
                        cause));
            } catch (CustomerMergedException e) {
                target = e.survivorId();
            }
        }
        for (Identifier identifier : taken.identifiers()) {
            identities.reassign(identifier, absorbed.customerId(), target);
        }
        return new Outcome(target, absorbed.customerId(), true, null, sequence);
    }

    /** The facts of the live customer a customer id leads to, following merges. */
    public CustomerFacts live(String customerId) {
        String current = customerId;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            CustomerFacts facts = commands.sendAndWait(new DescribeCustomer(current));
            if (facts.mergedInto() == null) {
                return facts;
            }
            current = facts.mergedInto();
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " merge redirects from " + customerId);
    }

    private static CustomerFacts survivorOf(CustomerFacts a, CustomerFacts b) {
        boolean aKnown = a.identifiers().stream().anyMatch(i -> i.type().equals("userId"));
        boolean bKnown = b.identifiers().stream().anyMatch(i -> i.type().equals("userId"));
        if (aKnown != bKnown) {
            return aKnown ? a : b;
        }
        return Comparator.comparing(CustomerFacts::registeredAt, Comparator.nullsLast(Comparator.naturalOrder()))
                                .thenComparing(CustomerFacts::customerId)
                                .compare(a, b)
                        <= 0
                ? a
                : b;
    }
}
