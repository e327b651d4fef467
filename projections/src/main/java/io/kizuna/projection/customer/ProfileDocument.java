package io.kizuna.projection.customer;

import io.kizuna.api.customer.AccountMembership;
import io.kizuna.api.customer.Count;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * The customer's current stage in one journey model, with everything its stage transition document holds, so
     * that the next transition (or a merge) can rewrite that document without reading it. {@code sequence} is the
     * sequence number of the {@code JourneyStageEntered} event; {@code channel}/{@code campaign} are those of the
     * touchpoint that caused the entry (null for deadlines and re-evaluations); {@code firstSeenMonth} is the
     * customer's first-seen month (UTC, {@code yyyy-MM}) when it entered.
     */
    public record StageEntry(
            String model,
            String stage,
            Instant enteredAt,
            int modelVersion,
            long sequence,
            String from,
            String causeKind,
            String causeMessageId,
            String channel,
            String campaign,
            Instant recordedAt,
            String firstSeenMonth) {}

    /** The channel and campaign of a touchpoint, for the stage transitions it causes. */
    public record TouchpointCause(String channel, String campaign) {}

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
    /** The current stage in each journey model the customer has entered, in the order first entered. */
    public List<StageEntry> stages = new ArrayList<>();

    public long lastSequence = -1;
    public Instant updatedAt;

    /**
     * Causes of the touchpoints applied to this instance, by message id: what one batch of the projection saw. Never
     * stored (private, no accessor Jackson sees): a transition whose cause came in an earlier batch looks it up in
     * the customer's history instead, which gives the same answer.
     */
    private final Map<String, TouchpointCause> recentCauses = new HashMap<>();

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
                stages.stream()
                        .map(s -> new CustomerStage(s.model(), s.stage(), s.enteredAt()))
                        .toList(),
                lastSequence);
    }

    /** The current stage entry of {@code model}, or null when the customer has not entered the model. */
    public StageEntry stage(String model) {
        return stages.stream().filter(s -> s.model().equals(model)).findFirst().orElse(null);
    }

    void rememberCause(String messageId, TouchpointCause cause) {
        recentCauses.put(messageId, cause);
    }

    TouchpointCause recentCause(String messageId) {
        return recentCauses.get(messageId);
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()))
                .toList();
    }
}
