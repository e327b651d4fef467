package io.kizuna.projection.customer;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.customer.AccountMembership;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a customer's profile from its events, one at a time. The same fold serves the live view and any rebuild
 * of a profile from the event store, so the two cannot disagree. Events at or below the profile's
 * {@code lastSequence} are ignored: replays and redeliveries change nothing.
 *
 * <p>Times are business times: {@code firstSeenAt}/{@code lastSeenAt} are the earliest and latest
 * {@code occurredAt}, whatever order touchpoints arrive in; the last touchpoint is the latest by business time.
 * Lifetime value is the sum of all touchpoint values per currency (a return carries a negative amount).
 *
 * <p>What segment rules read: {@code activity}, touchpoints counted per UTC day, type, channel and campaign
 * ({@link ActivityBuckets}); {@code traitValues}, the traits flattened one entry per value ({@link TraitValues});
 * per currency, {@code purchases}, the touchpoints with a positive value in it, whatever their type (an order; a
 * return or refund, sent with a negative amount, is none, nor is a zero amount), and {@code averageOrderValue}, the
 * lifetime value per purchase (absent without purchases); {@code segments}, the segments the customer is in now, from
 * its {@link CustomerEnteredSegment} and {@link CustomerLeftSegment} events (a survivor keeps its own, as with stages:
 * segments are evaluated, and entries recorded, on the survivor itself); {@code consents} and {@code consentsWithdrawn},
 * the keys of the consent answers in force that grant or withdraw ({@link Consents}). A survivor takes over an absorbed
 * customer's activity, trait values (its own traits win) and purchases, but not its consent: consent counts only as
 * given to the survivor itself (the privacy-safe choice; the absorbed answers stay in its history).
 *
 * <p>Journey stages: a {@link JourneyStageEntered} replaces the customer's entry for its model in {@code stages}.
 * The entry keeps the channel and campaign of the touchpoint that caused it, found by message id among the
 * touchpoints this instance has seen (the cause is stored before the transition, normally in the same append), or
 * else in the customer's stored history. A survivor does not take over an absorbed customer's stages: its own
 * stages come from its own transitions.
 */
public final class ProfileFold {

    /** The touchpoint type of joining an account (Segment's group call). */
    public static final String GROUP_JOINED = "group_joined";

    private ProfileFold() {}

    /** A customer's stored events in order; a survivor's profile folds in the history of each absorbed customer. */
    public interface History {

        /** One stored event and its sequence number in the customer's stream. */
        record Entry(Object payload, long sequence) {}

        List<Entry> of(String customerId);

        /** The customer's stored touchpoint with this message id, or null when it has none. */
        default TouchpointRecorded touchpoint(String customerId, String messageId) {
            for (Entry entry : of(customerId)) {
                if (entry.payload() instanceof TouchpointRecorded touchpoint
                        && messageId.equals(touchpoint.messageId())) {
                    return touchpoint;
                }
            }
            return null;
        }

        /** For folds that need no stored history: no merges, and causes of transitions folded alongside them. */
        History NONE = customerId -> {
            throw new IllegalStateException("no history reader to read the stored events of customer " + customerId);
        };
    }

    /** Applies one event of a customer without merges in its history. */
    public static boolean apply(ProfileDocument profile, Object event, long sequence, Instant now) {
        return apply(profile, event, sequence, now, History.NONE);
    }

    /** Applies one event; answers whether the profile changed. */
    public static boolean apply(ProfileDocument profile, Object event, long sequence, Instant now, History history) {
        if (sequence <= profile.lastSequence) {
            return false;
        }
        // events this fold does not know leave the profile as it is, but still count as applied
        if (event instanceof TouchpointRecorded e) {
            addTouchpoint(profile, e, sequence);
        } else if (event instanceof CustomerRegistered e) {
            addIdentifier(profile, e.identifier());
        } else if (event instanceof IdentifierAdded e) {
            addIdentifier(profile, e.identifier());
        } else if (event instanceof TraitsChanged e) {
            changeTraits(profile, e);
        } else if (event instanceof CustomerMergedInto e) {
            profile.mergedInto = e.survivorId();
        } else if (event instanceof CustomerAbsorbed e) {
            absorb(profile, e.absorbedId(), history, now);
        } else if (event instanceof JourneyStageEntered e) {
            enterStage(profile, e, sequence, history);
        } else if (event instanceof CustomerEnteredSegment e) {
            enterSegment(profile, e);
        } else if (event instanceof CustomerLeftSegment e) {
            leaveSegment(profile, e.segmentId());
        } else if (event instanceof ConsentGiven e) {
            answerConsent(profile, e.consent());
        } else if (event instanceof ConsentWithdrawn e) {
            answerConsent(profile, e.consent());
        }
        profile.lastSequence = sequence;
        profile.updatedAt = now;
        return true;
    }

    /**
     * Folds an absorbed customer into the survivor. The absorbed history is read up to its merge: it is frozen from
     * then on, so the result is the same whenever, and in whatever order, the projection gets here.
     */
    private static void absorb(ProfileDocument survivor, String absorbedId, History history, Instant now) {
        ProfileDocument absorbed = new ProfileDocument(absorbedId);
        for (History.Entry entry : history.of(absorbedId)) {
            if (entry.payload() instanceof CustomerMergedInto) {
                break;
            }
            apply(absorbed, entry.payload(), entry.sequence(), now, history);
        }
        absorbed.identifiers.forEach(i -> {
            if (!survivor.identifiers.contains(i)) {
                survivor.identifiers.add(i);
            }
        });
        absorbed.traits.forEach(survivor.traits::putIfAbsent);
        survivor.traitValues = TraitValues.of(survivor.traits);
        ActivityBuckets.addAll(survivor.activity, absorbed.activity);
        survivor.touchpointCount += absorbed.touchpointCount;
        absorbed.countsByType.forEach((k, v) -> survivor.countsByType.merge(k, v, Long::sum));
        absorbed.countsByChannel.forEach((k, v) -> survivor.countsByChannel.merge(k, v, Long::sum));
        absorbed.touchpointTypes.forEach(v -> addOnce(survivor.touchpointTypes, v));
        absorbed.channels.forEach(v -> addOnce(survivor.channels, v));
        absorbed.campaigns.forEach(v -> addOnce(survivor.campaigns, v));
        if (absorbed.firstSeenAt != null
                && (survivor.firstSeenAt == null || absorbed.firstSeenAt.isBefore(survivor.firstSeenAt))) {
            survivor.firstSeenAt = absorbed.firstSeenAt;
        }
        if (absorbed.lastSeenAt != null
                && (survivor.lastSeenAt == null || absorbed.lastSeenAt.isAfter(survivor.lastSeenAt))) {
            survivor.lastSeenAt = absorbed.lastSeenAt;
        }
        if (absorbed.lastTouchpoint != null
                && (survivor.lastTouchpoint == null
                        || absorbed.lastTouchpoint.occurredAt().isAfter(survivor.lastTouchpoint.occurredAt()))) {
            survivor.lastTouchpoint = absorbed.lastTouchpoint;
        }
        absorbed.lifetimeValue.forEach(
                a -> addValue(survivor, a.currency(), new BigDecimal(a.amount()), a.purchases()));
        absorbed.accounts.forEach(account -> joinAccount(survivor, account));
        addOnce(survivor.mergedFrom, absorbedId);
        absorbed.mergedFrom.forEach(id -> addOnce(survivor.mergedFrom, id));
        survivor.searchText = searchText(survivor);
    }

    private static void enterStage(ProfileDocument profile, JourneyStageEntered e, long sequence, History history) {
        ProfileDocument.TouchpointCause cause = causeOf(profile, e, history);
        ProfileDocument.StageEntry entry = new ProfileDocument.StageEntry(
                e.model(),
                e.to(),
                e.at(),
                e.modelVersion(),
                sequence,
                e.from(),
                e.causeKind(),
                e.causeMessageId(),
                cause == null ? null : cause.channel(),
                cause == null ? null : cause.campaign(),
                e.recordedAt(),
                profile.firstSeenAt == null
                        ? null
                        : YearMonth.from(profile.firstSeenAt.atZone(ZoneOffset.UTC))
                                .toString());
        List<ProfileDocument.StageEntry> stages = profile.stages;
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).model().equals(e.model())) {
                stages.set(i, entry);
                return;
            }
        }
        stages.add(entry);
    }

    /** The channel and campaign of the touchpoint that caused a transition; null for deadlines and re-evaluations. */
    private static ProfileDocument.TouchpointCause causeOf(
            ProfileDocument profile, JourneyStageEntered e, History history) {
        if (!JourneyStageEntered.TOUCHPOINT.equals(e.causeKind()) || e.causeMessageId() == null) {
            return null;
        }
        ProfileDocument.TouchpointCause recent = profile.recentCause(e.causeMessageId());
        if (recent != null) {
            return recent;
        }
        TouchpointRecorded stored = history.touchpoint(profile.id, e.causeMessageId());
        return stored == null ? null : new ProfileDocument.TouchpointCause(stored.channel(), stored.campaign());
    }

    private static void addIdentifier(ProfileDocument profile, Identifier identifier) {
        if (identifier == null) {
            return;
        }
        ProfileDocument.IdentifierEntry entry = ProfileDocument.IdentifierEntry.of(identifier);
        if (!profile.identifiers.contains(entry)) {
            profile.identifiers.add(entry);
            profile.searchText = searchText(profile);
        }
    }

    private static void addTouchpoint(ProfileDocument profile, TouchpointRecorded e, long sequence) {
        profile.rememberCause(e.messageId(), new ProfileDocument.TouchpointCause(e.channel(), e.campaign()));
        profile.touchpointCount++;
        profile.countsByType.merge(e.type(), 1L, Long::sum);
        profile.countsByChannel.merge(e.channel(), 1L, Long::sum);
        ActivityBuckets.add(
                profile.activity, ActivityBuckets.dayOf(e.occurredAt()), e.type(), e.channel(), e.campaign(), 1);
        addOnce(profile.touchpointTypes, e.type());
        addOnce(profile.channels, e.channel());
        if (e.campaign() != null) {
            addOnce(profile.campaigns, e.campaign());
        }
        if (profile.firstSeenAt == null || e.occurredAt().isBefore(profile.firstSeenAt)) {
            profile.firstSeenAt = e.occurredAt();
        }
        if (profile.lastSeenAt == null || !e.occurredAt().isBefore(profile.lastSeenAt)) {
            profile.lastSeenAt = e.occurredAt();
        }
        TimelineDocument last = profile.lastTouchpoint;
        if (last == null || !e.occurredAt().isBefore(last.occurredAt())) {
            profile.lastTouchpoint = TimelineDocument.of(e, sequence);
        }
        if (e.value() != null) {
            BigDecimal amount = e.value().amount();
            addValue(profile, e.value().currency(), amount, amount.signum() > 0 ? 1 : 0);
        }
        if (GROUP_JOINED.equals(e.type()) && e.properties().get("groupId") instanceof String accountId) {
            Object traits = e.properties().get("traits");
            joinAccount(profile, new AccountMembership(accountId, traitsOf(traits), e.occurredAt()));
        }
    }

    /** The latest traits by business time win; the membership dates from the first join. */
    private static void joinAccount(ProfileDocument profile, AccountMembership joined) {
        for (int i = 0; i < profile.accounts.size(); i++) {
            AccountMembership known = profile.accounts.get(i);
            if (known.accountId().equals(joined.accountId())) {
                boolean newer = !joined.joinedAt().isBefore(known.joinedAt());
                Map<String, Object> traits = new LinkedHashMap<>(newer ? known.traits() : joined.traits());
                traits.putAll(newer ? joined.traits() : known.traits());
                Instant first = newer ? known.joinedAt() : joined.joinedAt();
                profile.accounts.set(i, new AccountMembership(known.accountId(), traits, first));
                return;
            }
        }
        profile.accounts.add(joined);
        addOnce(profile.accountIds, joined.accountId());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> traitsOf(Object traits) {
        return traits instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Adds an amount and its number of purchases (orders) to the lifetime value in {@code currency}. */
    private static void addValue(ProfileDocument profile, String currency, BigDecimal amount, long purchases) {
        List<ProfileDocument.Amount> values = profile.lifetimeValue;
        for (int i = 0; i < values.size(); i++) {
            ProfileDocument.Amount current = values.get(i);
            if (current.currency().equals(currency)) {
                values.set(
                        i,
                        amount(
                                currency,
                                new BigDecimal(current.amount()).add(amount),
                                current.purchases() + purchases));
                return;
            }
        }
        values.add(amount(currency, amount, purchases));
        values.sort(Comparator.comparing(ProfileDocument.Amount::currency));
    }

    private static ProfileDocument.Amount amount(String currency, BigDecimal sum, long purchases) {
        Double average = purchases == 0
                ? null
                : sum.divide(BigDecimal.valueOf(purchases), Money.MAX_SCALE, RoundingMode.HALF_EVEN)
                        .doubleValue();
        return new ProfileDocument.Amount(currency, sum.toPlainString(), sum.doubleValue(), purchases, average);
    }

    /** A customer entering a segment it is already in (not expected) keeps its first {@code since}. */
    private static void enterSegment(ProfileDocument profile, CustomerEnteredSegment e) {
        List<ProfileDocument.SegmentMembershipEntry> memberships = profile.segmentMemberships;
        for (int i = 0; i < memberships.size(); i++) {
            ProfileDocument.SegmentMembershipEntry known = memberships.get(i);
            if (known.segmentId().equals(e.segmentId())) {
                memberships.set(
                        i,
                        new ProfileDocument.SegmentMembershipEntry(e.segmentId(), known.since(), e.segmentVersion()));
                return;
            }
        }
        memberships.add(new ProfileDocument.SegmentMembershipEntry(e.segmentId(), e.at(), e.segmentVersion()));
        addOnce(profile.segments, e.segmentId());
    }

    private static void leaveSegment(ProfileDocument profile, String segmentId) {
        profile.segmentMemberships.removeIf(m -> m.segmentId().equals(segmentId));
        profile.segments.remove(segmentId);
    }

    private static void answerConsent(ProfileDocument profile, Consent answer) {
        Map<String, Consent> consents = new LinkedHashMap<>();
        profile.consentEntries.forEach(c -> consents.put(Consents.key(c.purpose(), c.channel()), c));
        Consents.apply(consents, answer);
        profile.consentEntries = new ArrayList<>(Consents.list(consents));
        profile.consents = new ArrayList<>(Consents.grantedKeys(consents));
        profile.consentsWithdrawn = new ArrayList<>(Consents.withdrawnKeys(consents));
    }

    private static void changeTraits(ProfileDocument profile, TraitsChanged e) {
        profile.traits.putAll(e.set());
        e.removed().forEach(profile.traits::remove);
        profile.traitValues = TraitValues.of(profile.traits);
        profile.searchText = searchText(profile);
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** Free text a search matches: identifier values and the text of scalar trait values. */
    private static String searchText(ProfileDocument profile) {
        Stream<String> identifierValues = profile.identifiers.stream().map(ProfileDocument.IdentifierEntry::value);
        Stream<String> traitValues = profile.traits.values().stream()
                .filter(v -> v instanceof String || v instanceof Number)
                .map(String::valueOf);
        return Stream.concat(identifierValues, traitValues).collect(Collectors.joining(" "));
    }
}
