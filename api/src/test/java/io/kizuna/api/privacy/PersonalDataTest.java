package io.kizuna.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private final PersonalData personal =
            new PersonalData(PersonalData.DEFAULT_TRAITS, PersonalData.DEFAULT_IDENTIFIER_TYPES, Set.of("shipping_to"));

    @Test
    void namesCompareWithoutCaseUnderscoresOrDashes() {
        assertThat(personal.isPersonalTrait("First-Name")).isTrue();
        assertThat(personal.isPersonalTrait("plan")).isFalse();
        assertThat(personal.isPersonalIdentifierType("EMAIL")).isTrue();
        assertThat(personal.isPersonalIdentifierType("crm")).isFalse();
    }

    @Test
    void aPropertyEntryIsPersonalWhenDeclaredOrWhenItIsAPersonalTraitOfATraitsObject() {
        assertThat(personal.isPersonalPropertyEntry("shippingTo", null)).isTrue();
        assertThat(personal.isPersonalPropertyEntry("shippingTo", "items")).isTrue();
        assertThat(personal.isPersonalPropertyEntry("email", "traits")).isTrue();
        assertThat(personal.isPersonalPropertyEntry("email", "context")).isFalse();
        assertThat(personal.isPersonalPropertyEntry("plan", "traits")).isFalse();
    }
}
