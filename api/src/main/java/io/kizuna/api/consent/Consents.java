package io.kizuna.api.consent;

import io.kizuna.api.validation.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of consent, shared by the customer aggregate (which decides what to record) and the profile fold (which
 * shows it), so the two cannot disagree. A customer's consent is a map from {@link #key(String, String) key} to
 * {@link Consent}:
 *
 * <ul>
 *   <li>an answer for every channel ({@code channel} null) replaces the purpose's answers for single channels;
 *   <li>an answer for one channel overrides the every-channel answer on that channel only;
 *   <li>consent is {@link #effective effective} on a channel when that channel's answer, else the every-channel answer,
 *       is a grant; without any answer there is no consent.
 * </ul>
 *
 * Purposes and channels are lower snake case ({@code email_marketing}, {@code email}), at most 64 characters.
 */
public final class Consents {

    /** Lower snake case, as touchpoint types and channels. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Consents() {}

    /** {@code purpose}, or {@code purpose:channel}: the key of an answer, and how segment rules name consent. */
    public static String key(String purpose, String channel) {
        return channel == null ? purpose : purpose + ":" + channel;
    }

    /** What is wrong with a purpose and channel, naming the fields behind {@code prefix} (may be empty). */
    public static List<Violation> validate(String purpose, String channel, String prefix) {
        List<Violation> violations = new ArrayList<>();
        String at = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
        if (purpose == null || !NAME.matcher(purpose).matches()) {
            violations.add(new Violation(
                    at + "purpose",
                    "'" + purpose + "' is not a consent purpose: use lower snake case of at most 64 characters,"
                            + " e.g. email_marketing, analytics, personalisation, third_party_sharing"));
        }
        if (channel != null && !NAME.matcher(channel).matches()) {
            violations.add(new Violation(
                    at + "channel",
                    "'" + channel + "' is not a channel: use lower snake case of at most 64 characters, e.g. email"
                            + " or sms; leave it out for every channel"));
        }
        return violations;
    }

    /**
     * Whether recording {@code change} would change {@code consents}: not when the same answer is already in force for
     * its channel (its own, or for a single channel the every-channel answer it would override), nor when it is dated
     * before the answer in force for its key (a late message does not undo a newer answer).
     */
    public static boolean changes(Map<String, Consent> consents, Consent change) {
        Consent own = consents.get(key(change.purpose(), change.channel()));
        if (own != null
                && change.at() != null
                && own.at() != null
                && change.at().isBefore(own.at())) {
            return false;
        }
        if (change.channel() == null) {
            boolean singleChannelAnswers = consents.values().stream()
                    .anyMatch(c -> c.purpose().equals(change.purpose()) && c.channel() != null);
            return own == null || own.granted() != change.granted() || singleChannelAnswers;
        }
        if (own != null) {
            return own.granted() != change.granted();
        }
        Consent every = consents.get(change.purpose());
        return every == null || every.granted() != change.granted();
    }

    /** Records {@code change} in {@code consents} (a mutable map). */
    public static void apply(Map<String, Consent> consents, Consent change) {
        if (change.channel() == null) {
            consents.values().removeIf(c -> c.purpose().equals(change.purpose()) && c.channel() != null);
        }
        consents.put(key(change.purpose(), change.channel()), change);
    }

    /**
     * Whether the customer consents to {@code purpose} on {@code channel}; with {@code channel} null, whether it
     * consents on every channel.
     */
    public static boolean effective(Map<String, Consent> consents, String purpose, String channel) {
        Consent answer = channel == null ? null : consents.get(key(purpose, channel));
        if (answer == null) {
            answer = consents.get(purpose);
        }
        return answer != null && answer.granted();
    }

    /** The answers in order of purpose, the every-channel answer first. */
    public static List<Consent> list(Map<String, Consent> consents) {
        return consents.values().stream()
                .sorted(Comparator.comparing(Consent::purpose)
                        .thenComparing(c -> Optional.ofNullable(c.channel()).orElse("")))
                .toList();
    }

    /** Keys of the answers that grant consent ({@code purpose}, {@code purpose:channel}), for segment rules. */
    public static List<String> grantedKeys(Map<String, Consent> consents) {
        return list(consents).stream()
                .filter(Consent::granted)
                .map(c -> key(c.purpose(), c.channel()))
                .toList();
    }

    /** Keys of the answers that withdraw consent, for segment rules (a channel's withdrawal beats an every-channel grant). */
    public static List<String> withdrawnKeys(Map<String, Consent> consents) {
        return list(consents).stream()
                .filter(c -> !c.granted())
                .map(c -> key(c.purpose(), c.channel()))
                .toList();
    }
}
