package io.kizuna.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityHashKeyTest {

    private final IdentityHashKey key = new IdentityHashKey("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void claimIdRevealsNothingOfTheValue() {
        String claimId = key.claimIdOf("email", "hanako@example.jp");
        assertThat(claimId).hasSize(64).doesNotContain("hanako").matches("[0-9a-f]+");
    }

    @Test
    void sameIdentifierGivesTheSameClaimAndTypesAreKeptApart() {
        assertThat(key.claimIdOf("crm", "C-1")).isEqualTo(key.claimIdOf("crm", "C-1"));
        assertThat(key.claimIdOf("crm", "C-1")).isNotEqualTo(key.claimIdOf("loyalty", "C-1"));
        assertThat(new IdentityHashKey("another-key-of-sixteen-bytes!!".getBytes()).claimIdOf("crm", "C-1"))
                .isNotEqualTo(key.claimIdOf("crm", "C-1"));
    }
}
