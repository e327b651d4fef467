package io.kizuna.command.merge;

import io.kizuna.api.identity.Identifier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules that keep identity resolution from gluing strangers together.
 *
 * @param blockedValues identifier values never used for resolution (placeholders that trackers send by mistake),
 *     compared case-insensitively
 * @param limits the most distinct values of an identifier type one customer may have; a merge that would exceed one
 *     is refused (userId: 1, so two different userIds never merge)
 * @param maxAbsorbed the most customers one customer may absorb
 */
@ConfigurationProperties("kizuna.identity.protection")
public record MergeProtection(List<String> blockedValues, Map<String, Integer> limits, Integer maxAbsorbed) {

    public static final List<String> DEFAULT_BLOCKED = List.of(
            "",
            "null",
            "undefined",
            "anonymous",
            "unknown",
            "none",
            "nil",
            "n/a",
            "0",
            "-1",
            "test@example.com",
            "[object object]");
    public static final Map<String, Integer> DEFAULT_LIMITS = Map.of("userId", 1, "email", 5, "anonymousId", 100);
    public static final int DEFAULT_MAX_ABSORBED = 50;

    public MergeProtection {
        blockedValues = blockedValues == null ? DEFAULT_BLOCKED : List.copyOf(blockedValues);
        limits = limits == null ? DEFAULT_LIMITS : Map.copyOf(limits);
        maxAbsorbed = maxAbsorbed == null ? DEFAULT_MAX_ABSORBED : maxAbsorbed;
    }

    public static MergeProtection defaults() {
        return new MergeProtection(null, null, null);
    }

    public boolean isBlocked(String value) {
        Set<String> blocked =
                blockedValues.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return value == null || blocked.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Why two customers with these identifiers and absorbed counts may not merge, if they may not. */
    public Optional<String> refusal(List<Identifier> a, int absorbedA, List<Identifier> b, int absorbedB) {
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            Set<String> values = new HashSet<>();
            a.stream().filter(i -> i.type().equals(limit.getKey())).forEach(i -> values.add(i.value()));
            b.stream().filter(i -> i.type().equals(limit.getKey())).forEach(i -> values.add(i.value()));
            if (values.size() > limit.getValue()) {
                return Optional.of("together they would have " + values.size() + " " + limit.getKey()
                        + " identifiers; at most " + limit.getValue() + " allowed");
            }
        }
        if (absorbedA + absorbedB + 1 > maxAbsorbed) {
            return Optional.of("the merged customer would have absorbed more than " + maxAbsorbed + " customers");
        }
        return Optional.empty();
    }
}
