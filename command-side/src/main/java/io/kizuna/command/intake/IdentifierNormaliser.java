package io.kizuna.command.intake;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns an identifier as submitted into its normal form, the same for writes and look-ups: emails trimmed and
 * lower-cased ({@link Identifier#of}), phone numbers in E.164 ({@code +819012345678}), read in the region
 * {@code kizuna.identity.phone-region} (default JP) when written without a country code.
 */
@Component
public class IdentifierNormaliser {

    private static final String PHONE = "phone";
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String region;

    public IdentifierNormaliser(@Value("${kizuna.identity.phone-region:JP}") String region) {
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("kizuna.identity.phone-region is not a region code: " + region);
        }
        this.region = region;
    }

    /** Violations of the identifier (field names relative to it: {@code type}, {@code value}). */
    public List<Violation> validate(String type, String value) {
        List<Violation> violations = Identifier.validate(type, value);
        if (violations.isEmpty() && PHONE.equals(type) && e164(value).isEmpty()) {
            return List.of(new Violation(
                    "value",
                    "not a phone number: write it with its country code (+81 90 1234 5678) or as a " + region
                            + " number"));
        }
        return violations;
    }

    /** The normal form; throws {@link InvalidInputException} for input {@link #validate} refuses. */
    public Identifier normalise(String type, String value) {
        List<Violation> violations = validate(type, value);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (PHONE.equals(type)) {
            return new Identifier(type, e164(value).orElseThrow());
        }
        return Identifier.of(type, value);
    }

    private Optional<String> e164(String value) {
        try {
            PhoneNumber number = phones.parse(value.strip(), region);
            if (!phones.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
