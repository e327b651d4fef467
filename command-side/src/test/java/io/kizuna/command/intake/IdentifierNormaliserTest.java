package io.kizuna.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.identity.Identifier;
import org.junit.jupiter.api.Test;

class IdentifierNormaliserTest {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser("JP");

    @Test
    void phoneNumbersBecomeE164WhicheverWayTheyAreWritten() {
        assertThat(normaliser.normalise("phone", "090-1234-5678")).isEqualTo(new Identifier("phone", "+819012345678"));
        assertThat(normaliser.normalise("phone", "+81 90 1234 5678"))
                .isEqualTo(new Identifier("phone", "+819012345678"));
        assertThat(normaliser.normalise("phone", "+1 (415) 555-0134"))
                .isEqualTo(new Identifier("phone", "+14155550134"));
    }

    @Test
    void somethingThatIsNoPhoneNumberIsRefusedAtTheValue() {
        assertThat(normaliser.validate("phone", "call me maybe"))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("value"));
    }

    @Test
    void emailsAreComparedLowerCased() {
        assertThat(normaliser.normalise("email", " Hanako@Example.JP"))
                .isEqualTo(new Identifier("email", "hanako@example.jp"));
    }
}
