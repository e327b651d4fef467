package io.kizuna.api.privacy;

import io.kizuna.api.identity.Identifier;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Kizuna treats as personal data: the one definition that encryption (erasure by crypto-shredding), masking for
 * the ANALYST role and redaction after erasure all use.
 *
 * <ul>
 *   <li>{@code traits}: trait names whose values are personal (name, email, phone, address, birthday, ...);
 *   <li>{@code identifierTypes}: identifier types whose values are personal (email, phone, userId, ...);
 *   <li>{@code properties}: touchpoint property names declared personal by the operator.
 * </ul>
 *
 * Names compare without case, '_' or '-' ({@code first_name}, {@code firstName} and {@code First-Name} are one name).
 * Everything else (types, channels, campaigns, values, times, counts, non-personal traits and properties) is not
 * personal and survives erasure, so statistics stay right.
 */
public record PersonalData(Set<String> traits, Set<String> identifierTypes, Set<String> properties) {

    /** Segment's reserved traits that identify a person, plus common spellings. */
    public static final Set<String> DEFAULT_TRAITS = Set.of(
            "name",
            "firstName",
            "lastName",
            "email",
            "phone",
            "address",
            "birthday",
            "avatar",
            "username",
            "street",
            "postalCode");

    public static final Set<String> DEFAULT_IDENTIFIER_TYPES = Set.of("email", "phone", "userId");

    /** What replaces a personal value once its customer is forgotten. */
    public static final String REDACTED = "[forgotten]";

    /** What replaces a personal value for callers not entitled to see it (ANALYST). */
    public static final String MASKED = "***";

    public PersonalData {
        traits = canonical(traits);
        identifierTypes = canonical(identifierTypes);
        properties = canonical(properties);
    }

    public static PersonalData defaults() {
        return new PersonalData(DEFAULT_TRAITS, DEFAULT_IDENTIFIER_TYPES, Set.of());
    }

    public boolean isPersonalTrait(String name) {
        return name != null && traits.contains(canonical(name));
    }

    public boolean isPersonalIdentifierType(String type) {
        return type != null && identifierTypes.contains(canonical(type));
    }

    public boolean isPersonal(Identifier identifier) {
        return identifier != null && isPersonalIdentifierType(identifier.type());
    }

    public boolean isPersonalProperty(String name) {
        return name != null && properties.contains(canonical(name));
    }

    /**
     * Whether an entry of touchpoint properties is personal, at any depth: a declared personal property, or a
     * personal trait directly inside a {@code traits} object (Segment keeps a message's traits in
     * {@code context.traits}, a group call's in {@code traits}). {@code enclosing} is the name of the object holding
     * the entry, null at the top and for the elements of a list.
     */
    public boolean isPersonalPropertyEntry(String name, String enclosing) {
        return isPersonalProperty(name) || ("traits".equalsIgnoreCase(enclosing) && isPersonalTrait(name));
    }

    static String canonical(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static Set<String> canonical(Set<String> names) {
        return names == null
                ? Set.of()
                : names.stream().map(PersonalData::canonical).collect(Collectors.toUnmodifiableSet());
    }
}
