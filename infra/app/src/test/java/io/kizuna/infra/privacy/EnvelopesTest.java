package io.kizuna.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EnvelopesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DataKey key(String id, int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return new DataKey(id, new SecretKeySpec(bytes, "AES"));
    }

    @Test
    void aSealedValueOpensAsItWasWithItsKey() {
        JsonNode value = JSON.readTree("{\"city\":\"東京\",\"zip\":1000001,\"lines\":[\"1-2-3\"]}");
        ObjectNode envelope = Envelopes.seal(value, key("k1", 1), JSON);

        assertThat(Envelopes.isEnvelope(envelope)).isTrue();
        assertThat(envelope.toString()).doesNotContain("東京").doesNotContain("1-2-3");
        assertThat(Envelopes.keyIdOf(envelope)).isEqualTo("k1");
        assertThat(Envelopes.open(envelope, key("k1", 1), JSON)).isEqualTo(value);
    }

    @Test
    void everySealingUsesAFreshIv() {
        JsonNode value = JSON.readTree("\"hanako@example.com\"");
        String first = Envelopes.seal(value, key("k1", 1), JSON).path("v").asString();
        String second = Envelopes.seal(value, key("k1", 1), JSON).path("v").asString();

        assertThat(first).isNotEqualTo(second);
        byte[] ivAndSealed = Base64.getDecoder().decode(first);
        // 12 bytes IV + the value + a 16-byte tag
        assertThat(ivAndSealed).hasSize(12 + "\"hanako@example.com\"".length() + 16);
    }

    @Test
    void anEnvelopeDoesNotOpenWithAnotherKeyOrWhenAltered() {
        ObjectNode envelope = Envelopes.seal(JSON.readTree("\"secret\""), key("k1", 1), JSON);

        assertThatThrownBy(() -> Envelopes.open(envelope, key("k1", 2), JSON))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelopes.open(envelope, key("k2", 1), JSON))
                .isInstanceOf(IllegalArgumentException.class);

        byte[] bytes = Base64.getDecoder().decode(envelope.path("v").asString());
        bytes[bytes.length - 1] ^= 1;
        envelope.put("v", Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> Envelopes.open(envelope, key("k1", 1), JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void onlyMarkedObjectsAreEnvelopes() {
        assertThat(Envelopes.isEnvelope(JSON.readTree("{\"k\":\"a\",\"v\":\"b\"}")))
                .isFalse();
        assertThat(Envelopes.isEnvelope(JSON.readTree("\"enc\""))).isFalse();
        assertThat(Envelopes.isEnvelope(null)).isFalse();
    }
}
