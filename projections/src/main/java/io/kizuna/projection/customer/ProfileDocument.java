package io.kizuna.projection.customer;

import io.kizuna.api.customer.AccountMembership;
import io.kizuna.api.customer.Count;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's unified profile as stored in the profile view. Mutable on purpose: {@link ProfileFold} applies
 * events to it one by one. {@code lastSequence} is the sequence number of the last event applied; it makes the
 * fold idempotent and is the document's external version in Elasticsearch.
 */
public class ProfileDocument {

    /** An identifier as stored: {@code key} is {@code type:value}, for exact look-ups. */
    public record IdentifierEntry(String type, String value, String key) {

        static IdentifierEntry of(Identifier identifier) {
            return new IdentifierEntry(identifier.type(), identifier.value(), identifier.key());
        }
    }

    /** Lifetime value in one currency: exact amount as text, and a number for ranges. */
    public record Amount(String currency, String amount, double numeric) {}

    public String id;
    public List<IdentifierEntry> identifiers = new ArrayList<>();
    public Map<String, Object> traits = new LinkedHashMap<>();
    public String searchText = "";
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public long touchpointCount;
    public Map<String, Long> countsByType = new LinkedHashMap<>();
    public Map<String, Long> countsByChannel = new LinkedHashMap<>();
    public List<String> touchpointTypes = new ArrayList<>();
    public List<String> channels = new ArrayList<>();
    public List<String> campaigns = new ArrayList<>();
    public List<Amount> lifetimeValue = new ArrayList<>();
    public TimelineDocument lastTouchpoint;
    /** Accounts (Segment groups) the customer belongs to, from its {@code group_joined} touchpoints. */
    public List<AccountMembership> accounts = new ArrayList<>();

    public List<String> accountIds = new ArrayList<>();
    /** The survivor this customer was merged into; a merged-away profile leaves searches. */
    public String mergedInto;
    /** Customers merged into this one, directly or through them; their timelines are part of this one's. */
    public List<String> mergedFrom = new ArrayList<>();

    public long lastSequence = -1;
    public Instant updatedAt;

    public ProfileDocument() {
        // for Jackson
    }

    public ProfileDocument(String id) {
        this.id = id;
    }

    public CustomerProfile toProfile() {
        return new CustomerProfile(
                id,
                identifiers.stream()
                        .map(i -> new Identifier(i.type(), i.value()))
                        .toList(),
                traits,
                firstSeenAt,
                lastSeenAt,
                touchpointCount,
                counts(countsByType),
                counts(countsByChannel),
                lifetimeValue.stream()
                        .map(a -> new Money(new BigDecimal(a.amount()), a.currency()))
                        .toList(),
                lastTouchpoint == null ? null : lastTouchpoint.toEntry(),
                List.copyOf(accounts),
                mergedInto,
                List.copyOf(mergedFrom),
                lastSequence);
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()))
                .toList();
    }
}
