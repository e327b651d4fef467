package io.kizuna.command.privacy;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.DescribeCustomer;
import io.kizuna.api.privacy.ForgetCustomer;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.command.identity.IdentityResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Forgets a person (erasure by crypto-shredding). The person is the live customer a given id leads to (following
 * merges) together with every customer merged into it: their streams are one person's. In this order, each step
 * idempotent, so an interrupted erasure is completed by asking again:
 *
 * <ol>
 *   <li>every identifier claim they own is released (this needs the identifiers' values, so it comes before the keys
 *       go): a returning person becomes a new customer, and no keyed hash keeps pointing at the forgotten one;
 *   <li>their data keys are destroyed and their snapshots dropped ({@link CustomerDataShredder});
 *   <li>their cached aggregates (and the cached accounts, which hold their touchpoints' properties) are evicted, so
 *       no plaintext state stays in memory;
 *   <li>each records {@code CustomerForgotten}, on which the views are rebuilt from the (now redacted) history.
 * </ol>
 */
@Component
public class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);
    private static final int MAX_REDIRECTS = 20;

    private final CommandGateway commands;
    private final IdentityResolver identities;
    private final CustomerDataShredder shredder;
    private final Cache customerCache;
    private final Cache accountCache;

    public CustomerErasure(
            CommandGateway commands,
            IdentityResolver identities,
            CustomerDataShredder shredder,
            @Qualifier("customerCache") Cache customerCache,
            @Qualifier("accountCache") Cache accountCache) {
        this.commands = commands;
        this.identities = identities;
        this.shredder = shredder;
        this.customerCache = customerCache;
        this.accountCache = accountCache;
    }

    /** Who was forgotten: the live customer, when, and the customers merged into it that went with it. */
    public record Forgotten(String customerId, Instant forgottenAt, List<String> absorbedIds) {}

    /**
     * Forgets the person of {@code customerId}; throws {@link AggregateNotFoundException} for an unknown id.
     * {@code reason} is kept in the history and must name no person.
     */
    public Forgotten forget(String customerId, String reason) {
        CustomerFacts person = live(customerId);
        List<String> absorbed = new ArrayList<>(new LinkedHashSet<>(person.absorbedIds()));
        Set<String> everyone = new LinkedHashSet<>(absorbed);
        everyone.add(person.customerId());

        Set<Identifier> identifiers = new LinkedHashSet<>(person.identifiers());
        for (String id : absorbed) {
            identifiers.addAll(describe(id).identifiers());
        }
        for (Identifier identifier : identifiers) {
            // a value already redacted (an erasure asked again) has no claim left to release
            if (!PersonalData.REDACTED.equals(identifier.value())) {
                identities.release(identifier, everyone);
            }
        }
        for (String id : everyone) {
            shredder.shred(id);
            customerCache.remove(id);
        }
        // accounts keep their people's touchpoint properties (some may be personal); which accounts is not known here
        accountCache.removeAll();
        for (String id : absorbed) {
            commands.sendAndWait(new ForgetCustomer(id, reason));
        }
        Instant forgottenAt = commands.sendAndWait(new ForgetCustomer(person.customerId(), reason));
        everyone.forEach(customerCache::remove);
        log.info("Customer {} forgotten, with {} customers merged into it", person.customerId(), absorbed.size());
        return new Forgotten(person.customerId(), forgottenAt, List.copyOf(absorbed));
    }

    private CustomerFacts live(String customerId) {
        CustomerFacts facts = describe(customerId);
        for (int hop = 0; hop < MAX_REDIRECTS && facts.mergedInto() != null; hop++) {
            facts = describe(facts.mergedInto());
        }
        if (facts.mergedInto() != null) {
            throw new IllegalStateException("customer " + customerId + " redirects more than " + MAX_REDIRECTS
                    + " times: its merges are unfinished");
        }
        return facts;
    }

    private CustomerFacts describe(String customerId) {
        return commands.sendAndWait(new DescribeCustomer(customerId));
    }
}
