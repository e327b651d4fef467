package io.kizuna.projection.customer;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.customer.AccountMembership;
import io.kizuna.api.customer.Count;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.segment.SegmentMembership;
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

    /**
     * Lifetime value in one currency: exact amount as text, and a number for ranges. {@code purchases} counts the
     * orders in this currency: touchpoints of any type whose value is positive (returns and refunds, sent with a
     * negative amount, and zero amounts are not orders). {@code averageOrderValue} is the lifetime value (returns
     * included) per purchase, absent when there is none.
     */
    public record Amount(String currency, String amount, double numeric, long purchases, Double averageOrderValue) {}

    /**
     * The touchpoints of one UTC day ({@code yyyy-MM-dd}) of one type, channel and campaign ({@code null}: none),
     * counted: what touchpoint counts and recency in segment rules read.
     */
    public record ActivityBucket(String day, String type, String channel, String campaign, long count) {}

    /**
     * One value of a trait as segment rules read it (see {@link TraitValues}): {@code name} is the trait's name, with
     * dots into nested objects; {@code keyword} the value as text, exactly; {@code number} when it is a number or
     * numeric text; {@code text} the text again, analysed for {@code contains}.
     */
    public record TraitValue(String name, String keyword, Double number, String text) {}

    /** A current segment membership: since when, and the version of the segment that let the customer in. */
    public record SegmentMembershipEntry(String segmentId, Instant since, int version) {}

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
    /** Touchpoint counts per UTC day, type, channel and campaign, ordered by those. */
    public List<ActivityBucket> activity = new ArrayList<>();
    /** The traits' values, one entry per value (per element of a list), for segment rules. */
    public List<TraitValue> traitValues = new ArrayList<>();
    /** Ids of the segments the customer is a member of now, in the order entered. */
    public List<String> segments = new ArrayList<>();
    /** The memberships behind {@link #segments}, same order. */
    public List<SegmentMembershipEntry> segmentMemberships = new ArrayList<>();
    /**
     * Consent answers that grant, as {@code purpose} (every channel) and {@code purpose:channel}: what
     * {@code consent(...)} in segment rules asks.
     */
    public List<String> consents = new ArrayList<>();
    /** Consent answers that withdraw, keyed as {@link #consents}: a channel's withdrawal beats an every-channel grant. */
    public List<String> consentsWithdrawn = new ArrayList<>();
    /** The customer's consent answers in force, by purpose (the every-channel answer first), then channel. */
    public List<Consent> consentEntries = new ArrayList<>();

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
                segmentMemberships.stream()
                        .map(m -> new SegmentMembership(m.segmentId(), m.since()))
                        .toList(),
                List.copyOf(consentEntries),
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
