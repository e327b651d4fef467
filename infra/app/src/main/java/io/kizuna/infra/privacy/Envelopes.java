package io.kizuna.infra.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals one JSON value into an envelope {@code {"$kz":"enc","k":"<keyId>","v":"<base64 of iv and ciphertext>"}} and
 * opens it again: AES-GCM with a random 96-bit IV per value and a 128-bit tag; the key id is authenticated data, so an
 * envelope cannot be opened with another customer's key unnoticed. The sealed plaintext is the value's JSON text, so
 * numbers, objects and lists come back as they were.
 */
public final class Envelopes {

    static final String MARK = "$kz";
    static final String SEALED = "enc";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelopes() {}

    public static ObjectNode seal(JsonNode value, DataKey key, JsonMapper json) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(key.keyId().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(value));
            byte[] ivAndSealed = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            ObjectNode envelope = json.createObjectNode();
            envelope.put(MARK, SEALED);
            envelope.put("k", key.keyId());
            envelope.put("v", Base64.getEncoder().encodeToString(ivAndSealed));
            return envelope;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available to seal personal data", e);
        }
    }

    public static boolean isEnvelope(JsonNode node) {
        return node != null && node.isObject() && SEALED.equals(node.path(MARK).asString(null));
    }

    /** The id of the key an envelope was sealed with. */
    public static String keyIdOf(JsonNode envelope) {
        return envelope.path("k").asString(null);
    }

    /** The value sealed in {@code envelope}; fails if it was sealed with another key or altered. */
    public static JsonNode open(JsonNode envelope, DataKey key, JsonMapper json) {
        if (!key.keyId().equals(keyIdOf(envelope))) {
            throw new IllegalArgumentException(
                    "the envelope was sealed with key " + keyIdOf(envelope) + ", not " + key.keyId());
        }
        byte[] ivAndSealed = Base64.getDecoder().decode(envelope.path("v").asString(""));
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the envelope is too short to hold a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, ivAndSealed, 0, IV_BYTES));
            cipher.updateAAD(key.keyId().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
            return json.readTree(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the envelope does not open with its key: altered or damaged", e);
        }
    }
}
