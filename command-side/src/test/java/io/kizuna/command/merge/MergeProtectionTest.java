package io.kizuna.command.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.identity.Identifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeProtectionTest {

    private final MergeProtection protection = MergeProtection.defaults();

    @Test
    void twoDifferentUserIdsNeverMerge() {
        assertThat(protection.refusal(
                        List.of(Identifier.of("userId", "u-1")), 0, List.of(Identifier.of("userId", "u-2")), 0))
                .hasValueSatisfying(reason -> assertThat(reason).contains("userId"));
    }

    @Test
    void theSameUserIdOnBothSidesMayMerge() {
        assertThat(protection.refusal(
                        List.of(Identifier.of("userId", "u-1")),
                        0,
                        List.of(Identifier.of("userId", "u-1"), Identifier.of("anonymousId", "a")),
                        0))
                .isEmpty();
    }

    @Test
    void tooManyAbsorbedCustomersAreRefused() {
        assertThat(protection.refusal(List.of(), 30, List.of(), 20)).isPresent();
    }

    @Test
    void placeholderValuesAreBlockedWhateverTheirCase() {
        assertThat(protection.isBlocked(" Undefined ")).isTrue();
        assertThat(protection.isBlocked("TEST@example.com")).isTrue();
        assertThat(protection.isBlocked("hanako@example.jp")).isFalse();
    }
}
