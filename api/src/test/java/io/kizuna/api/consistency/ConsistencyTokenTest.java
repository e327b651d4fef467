package io.kizuna.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.validation.InvalidInputException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void encodedTokenDecodesToTheSameSequences() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        ConsistencyToken token = new ConsistencyToken(Map.of(a, 0L, b, 1_234_567_890_123L));

        ConsistencyToken decoded = ConsistencyToken.decode(token.encode());

        assertThat(decoded.lastSequenceByCustomer()).containsExactlyInAnyOrderEntriesOf(token.lastSequenceByCustomer());
    }

    @Test
    void mergingKeepsTheHigherSequencePerCustomer() {
        String a = UUID.randomUUID().toString();
        ConsistencyToken merged = new ConsistencyToken(Map.of(a, 3L)).and(new ConsistencyToken(Map.of(a, 7L)));
        assertThat(merged.lastSequenceByCustomer()).containsEntry(a, 7L);
    }

    @Test
    void blankTokenIsEmpty() {
        assertThat(ConsistencyToken.decode(null).isEmpty()).isTrue();
        assertThat(ConsistencyToken.decode(" ").isEmpty()).isTrue();
    }

    @Test
    void garbageTokenIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ConsistencyToken.decode("not-a-token"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(
                                ((InvalidInputException) e).violations().get(0).field())
                        .isEqualTo("consistencyToken"));
    }
}
