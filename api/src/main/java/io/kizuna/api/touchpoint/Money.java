package io.kizuna.api.touchpoint;

import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** An exact amount in an ISO 4217 currency. */
public record Money(BigDecimal amount, String currency) {

    public static final int MAX_SCALE = 6;

    public static List<Violation> validate(BigDecimal amount, String currency) {
        List<Violation> violations = new ArrayList<>();
        if (amount == null) {
            violations.add(new Violation("amount", "amount is required"));
        } else if (amount.scale() > MAX_SCALE || amount.precision() - amount.scale() > 18) {
            violations.add(new Violation(
                    "amount", "amount must have at most 18 integer digits and " + MAX_SCALE + " decimals"));
        }
        if (currency == null || !isIsoCurrency(currency)) {
            violations.add(new Violation("currency", "currency must be an ISO 4217 code such as JPY or USD"));
        }
        return violations;
    }

    private static boolean isIsoCurrency(String code) {
        if (code.length() != 3 || !code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
