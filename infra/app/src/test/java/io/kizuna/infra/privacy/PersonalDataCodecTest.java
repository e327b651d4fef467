package io.kizuna.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

class PersonalDataCodecTest {

    /** Keys in memory, as the JDBC table keeps them. */
    static final class MemoryKeys implements PersonalDataCodec.Keys {
        final Map<String, DataKey> keys = new HashMap<>();
        final Set<String> destroyed = new HashSet<>();
        int made;

        @Override
        public DataKey forSealing(String customerId) {
            if (destroyed.contains(customerId)) {
                return null;
            }
            return keys.computeIfAbsent(customerId, id -> {
                made++;
                return EnvelopesTest.key(UUID.randomUUID().toString(), made);
            });
        }

        @Override
        public DataKey forOpening(String customerId) {
            return destroyed.contains(customerId) ? null : keys.get(customerId);
        }

        @Override
        public boolean isDestroyed(String customerId) {
            return destroyed.contains(customerId);
        }

        @Override
        public DataKey forOpeningById(String keyId) {
            return keys.values().stream()
                    .filter(k -> k.keyId().equals(keyId))
                    .findFirst()
                    .orElse(null);
        }

        void destroy(String customerId) {
            keys.remove(customerId);
            destroyed.add(customerId);
        }
    }

    private final MemoryKeys keys = new MemoryKeys();
    private final PersonalData personal = new PersonalData(
            PersonalData.DEFAULT_TRAITS, PersonalData.DEFAULT_IDENTIFIER_TYPES, Set.of("delivery_address"));
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(
            Jackson3Serializer.builder().build(), () -> new PersonalDataCodec(personal, keys));

    private static final Instant AT = Instant.parse("2026-11-20T01:00:00Z");

    private String stored(Object payload) {
        return new String(serializer.serialize(payload, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(Object payload) {
        SerializedObject<byte[]> bytes = serializer.serialize(payload, byte[].class);
        return (T) serializer.deserialize(bytes);
    }

    @Test
    void personalIdentifierValuesAreSealedAndTheirTypesStayClear() {
        CustomerRegistered registered =
                new CustomerRegistered("c-1", new Identifier("email", "hanako@example.com"), AT);

        String json = stored(registered);

        assertThat(json)
                .doesNotContain("hanako@example.com")
                .contains("\"type\":\"email\"")
                .contains("\"$kz\"");
        assertThat((CustomerRegistered) roundTrip(registered)).isEqualTo(registered);
    }

    @Test
    void identifiersOfTypesThatAreNotPersonalStayClearAndNeedNoKey() {
        CustomerRegistered registered = new CustomerRegistered("c-1", new Identifier("anonymousId", "anon-7"), AT);

        assertThat(stored(registered)).contains("anon-7").doesNotContain("$kz");
        assertThat(keys.made).isZero();
    }

    @Test
    void personalTraitsAreSealedWhateverTheirShapeAndOtherTraitsStayClear() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("name", "山田花子");
        set.put("address", Map.of("city", "Kyoto", "street", "1-2-3 Gion"));
        set.put("birthday", "1990-04-01");
        set.put("plan", "gold");
        set.put("age", 35);
        TraitsChanged changed = new TraitsChanged("c-1", set, List.of("phone"), AT, "m-1");

        String json = stored(changed);

        assertThat(json)
                .doesNotContain("山田花子", "Kyoto", "Gion", "1990-04-01")
                .contains("\"plan\":\"gold\"", "\"age\":35", "\"phone\"");
        TraitsChanged back = roundTrip(changed);
        assertThat(back.set()).isEqualTo(set);
        assertThat(back.removed()).containsExactly("phone");
    }

    @Test
    void declaredPropertiesAndPersonalTraitsInsidePropertiesAreSealedAtAnyDepth() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sku", "TEA-01");
        properties.put("Delivery-Address", "4-5-6 Ginza");
        properties.put(
                "_segment",
                Map.of("sourceId", "src-1", "context", Map.of("traits", Map.of("email", "x@example.com", "tier", 2))));
        TouchpointRecorded touchpoint = new TouchpointRecorded(
                "c-1",
                "m-1",
                "purchase",
                "store",
                AT,
                AT,
                "spring",
                new Money(new BigDecimal("3980.00"), "JPY"),
                properties,
                "src-1");

        String json = stored(touchpoint);

        assertThat(json)
                .doesNotContain("Ginza", "x@example.com")
                .contains("TEA-01", "\"sourceId\":\"src-1\"", "\"tier\":2", "3980.00", "purchase", "spring");
        TouchpointRecorded back = roundTrip(touchpoint);
        assertThat(back).isEqualTo(touchpoint);
        assertThat(back.value().amount()).isEqualByComparingTo("3980.00").hasScaleOf(2);
    }

    @Test
    void afterTheKeyIsDestroyedPersonalValuesReadAsRedactedAndTheRestStays() {
        CustomerAbsorbed absorbed = new CustomerAbsorbed(
                "c-1",
                "c-2",
                List.of(new Identifier("email", "b@example.com"), new Identifier("crm", "C-9")),
                Set.of("m-1"),
                Set.of(),
                MergeCause.user("api", "same person"),
                AT);
        TraitsChanged traits =
                new TraitsChanged("c-1", Map.of("email", "b@example.com", "plan", "gold"), null, AT, null);
        SerializedObject<byte[]> storedAbsorbed = serializer.serialize(absorbed, byte[].class);
        SerializedObject<byte[]> storedTraits = serializer.serialize(traits, byte[].class);

        keys.destroy("c-1");

        CustomerAbsorbed redacted = serializer.deserialize(storedAbsorbed);
        assertThat(redacted.identifiers())
                .containsExactly(new Identifier("email", PersonalData.REDACTED), new Identifier("crm", "C-9"));
        assertThat(redacted.messageIds()).containsExactly("m-1");
        TraitsChanged redactedTraits = serializer.deserialize(storedTraits);
        assertThat(redactedTraits.set())
                .containsEntry("email", PersonalData.REDACTED)
                .containsEntry("plan", "gold");
    }

    @Test
    void aForgottenCustomersNewPersonalValuesAreStoredRedactedAndNoKeyIsMadeAgain() {
        keys.destroy("c-1");

        String json = stored(new CustomerRegistered("c-1", new Identifier("phone", "+81312345678"), AT));

        assertThat(json).doesNotContain("+81312345678").contains(PersonalData.REDACTED);
        assertThat(keys.made).isZero();
    }

    @Test
    void plaintextStoredBeforeEncryptionReadsAsItIsUntilItsCustomerIsForgotten() throws Exception {
        CustomerRegistered registered = new CustomerRegistered("c-1", new Identifier("email", "old@example.com"), AT);
        SerializedObject<byte[]> plain = Jackson3Serializer.builder().build().serialize(registered, byte[].class);

        assertThat((CustomerRegistered) serializer.deserialize(plain)).isEqualTo(registered);
        keys.destroy("c-1");
        assertThat(((CustomerRegistered) serializer.deserialize(plain))
                        .identifier()
                        .value())
                .isEqualTo(PersonalData.REDACTED);
    }

    @Test
    void oneEventIsSealedOnceSoTheHashAndTheStoredRowAreTheSameBytes() {
        CustomerRegistered registered =
                new CustomerRegistered("c-1", new Identifier("email", "hanako@example.com"), AT);

        assertThat(serializer.serialize(registered, byte[].class).getData())
                .isEqualTo(serializer.serialize(registered, byte[].class).getData());
        assertThat(serializer.serialize(registered, String.class).getData())
                .isEqualTo(new String(
                        serializer.serialize(registered, byte[].class).getData(), StandardCharsets.UTF_8));
    }

    @Test
    void payloadsThatHoldNoPersonalDataPassThroughUntouched() {
        assertThat(PersonalDataCodec.covers(MergeCause.class.getName())).isFalse();
        MergeCause cause = MergeCause.user("api", "why");
        assertThat(serializer.serialize(cause, byte[].class).getData())
                .isEqualTo(Jackson3Serializer.builder()
                        .build()
                        .serialize(cause, byte[].class)
                        .getData());
    }

    @Test
    void aClaimNamesItsOwnersSealedEachWithItsOwnKeyAndNoneOnceForgotten() {
        IdentifierClaimed claimed = new IdentifierClaimed("hash-1", "email", "c-1", AT);
        IdentifierReassigned reassigned = new IdentifierReassigned("hash-1", "c-1", "c-2", AT);
        SerializedObject<byte[]> storedClaim = serializer.serialize(claimed, byte[].class);
        SerializedObject<byte[]> storedMove = serializer.serialize(reassigned, byte[].class);

        assertThat(new String(storedMove.getData(), StandardCharsets.UTF_8))
                .doesNotContain("c-1", "c-2")
                .contains("hash-1");
        assertThat((IdentifierReassigned) serializer.deserialize(storedMove)).isEqualTo(reassigned);

        keys.destroy("c-1");

        assertThat(((IdentifierClaimed) serializer.deserialize(storedClaim)).customerId())
                .isEqualTo(PersonalData.REDACTED);
        IdentifierReassigned moved = serializer.deserialize(storedMove);
        assertThat(moved.fromCustomerId()).isEqualTo(PersonalData.REDACTED);
        assertThat(moved.toCustomerId()).isEqualTo("c-2");
    }

    @Test
    void anAlteredEnvelopeReadsAsRedactedInsteadOfStoppingTheReader() {
        SerializedObject<byte[]> stored = serializer.serialize(
                new CustomerRegistered("c-1", new Identifier("email", "hanako@example.com"), AT), byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        int v = json.indexOf("\"v\":\"") + 5;
        char flipped = json.charAt(v + 20) == 'A' ? 'B' : 'A';
        byte[] altered =
                (json.substring(0, v + 20) + flipped + json.substring(v + 21)).getBytes(StandardCharsets.UTF_8);

        CustomerRegistered read = serializer.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(altered, byte[].class, stored.getType()));

        assertThat(read.identifier()).isEqualTo(new Identifier("email", PersonalData.REDACTED));
    }
}
