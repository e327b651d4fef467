package io.kizuna.command.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kizuna.api.identity.ClaimIdentifier;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.IdentifierReleased;
import io.kizuna.api.identity.ReassignClaim;
import io.kizuna.api.identity.ReleaseClaim;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.DescribeCustomer;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.command.merge.MergeProtection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the customer a message is about from every identifier it names. A known identifier leads to its customer;
 * when several are known, the most telling one decides (userId, then email, phone, other types, anonymousId last);
 * unknown identifiers are claimed for that customer; with none known, a new customer id is made. Ownership is
 * decided by each identifier's {@link IdentifierClaim}, so racing requests agree; answers are cached because a
 * claim never changes owner.
 */
@Component
public class IdentityResolver {

    private static final int ATTEMPTS = 3;
    private static final List<String> PRIORITY = List.of("userId", "email", "phone");
    private static final String WEAKEST = "anonymousId";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final IdentityHashKey hashKey;
    private final MergeProtection protection;
    private final Cache<String, String> ownerByClaim;

    public IdentityResolver(
            CommandGateway commands,
            EventStore eventStore,
            IdentityHashKey hashKey,
            MergeProtection protection,
            @Value("${kizuna.identity.cache-size:200000}") long cacheSize) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.hashKey = hashKey;
        this.protection = protection;
        this.ownerByClaim = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The customer of a message, the identifiers now attached to it, and the other customers some of the message's
     * identifiers belong to (customers the message ties together: candidates for a merge). {@code split} names the
     * customers just made for identifiers this customer could not take (over their type's limit), which exist
     * only as claims until registered; {@code namingOthers}, the message's identifiers that name each other customer.
     */
    public record Resolution(
            String customerId,
            List<Identifier> attached,
            Set<String> otherCustomers,
            Map<String, Identifier> split,
            Map<String, List<Identifier>> namingOthers) {}

    /**
     * The platform's id of the account an integrator calls {@code groupId}: keyed like identifier claims, so the id
     * reveals nothing of the group id, even to someone who can guess group ids.
     */
    public String accountIdOf(String groupId) {
        return hashKey.claimIdOf(io.kizuna.command.account.AccountOf.ACCOUNT_KEY_TYPE, groupId);
    }

    public String customerOf(Identifier identifier) {
        return resolve(List.of(identifier)).customerId();
    }

    public Resolution resolve(List<Identifier> identifiers) {
        List<Identifier> ordered = new ArrayList<>(new LinkedHashSet<>(identifiers));
        ordered.sort(Comparator.comparingInt(IdentityResolver::rank));
        Map<Identifier, String> known = new LinkedHashMap<>();
        for (Identifier identifier : ordered) {
            ownerOf(identifier).ifPresent(owner -> known.put(identifier, owner));
        }
        String customer = known.isEmpty()
                ? UUID.randomUUID().toString()
                : known.values().iterator().next();
        // the room a known customer has left is read (a load of the customer) only when a new identifier of a
        // limited type needs it: most messages name only identifiers already known
        Map<String, Integer> room = known.isEmpty() ? new HashMap<>(protection.limits()) : null;
        List<Identifier> attached = new ArrayList<>();
        Set<String> others = new LinkedHashSet<>();
        Map<String, List<Identifier>> namingOthers = new LinkedHashMap<>();
        Map<String, Identifier> split = new LinkedHashMap<>();
        for (Identifier identifier : ordered) {
            String owner = known.get(identifier);
            if (owner == null && room == null && protection.limits().containsKey(identifier.type())) {
                room = roomLeft(customer);
            }
            if (owner == null && room != null && room.getOrDefault(identifier.type(), Integer.MAX_VALUE) <= 0) {
                // over its type's limit for this customer: the identifier gets a customer of its own, and the
                // caller's attempt to merge the two is refused and recorded
                owner = claim(identifier, UUID.randomUUID().toString());
                split.putIfAbsent(owner, identifier);
            } else if (owner == null) {
                if (room != null) {
                    room.computeIfPresent(identifier.type(), (type, left) -> left - 1);
                }
                owner = claim(identifier, customer);
                if (known.isEmpty() && attached.isEmpty() && others.isEmpty()) {
                    // a racer claimed our first identifier before us: its customer is ours
                    customer = owner;
                }
            }
            if (owner.equals(customer)) {
                attached.add(identifier);
            } else {
                others.add(owner);
                namingOthers.computeIfAbsent(owner, o -> new ArrayList<>()).add(identifier);
            }
        }
        return new Resolution(customer, attached, others, split, namingOthers);
    }

    /** How many more identifiers of each limited type a customer may take. */
    private Map<String, Integer> roomLeft(String customerId) {
        Map<String, Integer> room = new HashMap<>(protection.limits());
        try {
            CustomerFacts facts = commands.sendAndWait(new DescribeCustomer(customerId));
            facts.identifiers().forEach(i -> room.computeIfPresent(i.type(), (type, left) -> left - 1));
        } catch (AggregateNotFoundException e) {
            // claimed but not yet registered (an interrupted first message): nothing attached yet
        }
        return room;
    }

    private Optional<String> ownerOf(Identifier identifier) {
        String claimId = claimIdOf(identifier);
        String cached = ownerByClaim.getIfPresent(claimId);
        if (cached != null) {
            return Optional.of(cached);
        }
        String owner = null;
        DomainEventStream events = eventStore.readEvents(claimId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof IdentifierClaimed claimed) {
                owner = claimed.customerId();
            } else if (event.getPayload() instanceof IdentifierReassigned reassigned) {
                owner = reassigned.toCustomerId();
            } else if (event.getPayload() instanceof IdentifierReleased) {
                owner = null;
            }
        }
        if (PersonalData.REDACTED.equals(owner)) {
            owner = null; // its customer was forgotten: the identifier is free
        }
        if (owner != null) {
            ownerByClaim.put(claimId, owner);
        }
        return Optional.ofNullable(owner);
    }

    /** Another node may create the same claim at the same moment: the loser retries and reads the winner's owner. */
    private String claim(Identifier identifier, String candidate) {
        String claimId = claimIdOf(identifier);
        AxonException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                String owner = commands.sendAndWait(new ClaimIdentifier(claimId, identifier.type(), candidate));
                ownerByClaim.put(claimId, owner);
                return owner;
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                last = e;
            }
        }
        throw last;
    }

    /** After a merge: moves the identifier's claim to the survivor and remembers the new owner. */
    public void reassign(Identifier identifier, String fromCustomerId, String toCustomerId) {
        String claimId = claimIdOf(identifier);
        String owner = commands.sendAndWait(new ReassignClaim(claimId, fromCustomerId, toCustomerId));
        ownerByClaim.put(claimId, owner);
    }

    /**
     * Erasure: frees the identifier's claim if one of {@code customerIds} owns it, so the next message naming it makes
     * a new customer. A claim that does not exist is nothing to free.
     */
    public void release(Identifier identifier, Set<String> customerIds) {
        String claimId = claimIdOf(identifier);
        ownerByClaim.invalidate(claimId);
        try {
            commands.sendAndWait(new ReleaseClaim(claimId, Set.copyOf(customerIds)));
        } catch (AggregateNotFoundException e) {
            // never claimed (say, an identifier over its type's limit that got a customer of its own)
        }
        ownerByClaim.invalidate(claimId);
    }

    private String claimIdOf(Identifier identifier) {
        return hashKey.claimIdOf(identifier.type(), identifier.value());
    }

    private static int rank(Identifier identifier) {
        int index = PRIORITY.indexOf(identifier.type());
        if (index >= 0) {
            return index;
        }
        return identifier.type().equals(WEAKEST) ? PRIORITY.size() + 1 : PRIORITY.size();
    }
}
