package io.kizuna.api.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class IdentifierTest {

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Identifier.of("email", "  Hanako.Yamada@Example.JP ").value())
                .isEqualTo("hanako.yamada@example.jp");
    }

    @Test
    void otherTypesKeepTheirCaseButLoseSurroundingSpace() {
        assertThat(Identifier.of("crm", " C-1001 ").value()).isEqualTo("C-1001");
    }

    @Test
    void blankValueIsRefused() {
        assertThatThrownBy(() -> Identifier.of("crm", "  ")).isInstanceOf(InvalidInputException.class);
    }
}
