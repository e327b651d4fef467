package io.kizuna.command.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Write keys: {@code wk_} and 32 random bytes in base64url. Only a key's SHA-256 is ever stored; a key with 256 bits
 * of randomness needs no salt or slow hash, because it cannot be guessed from its hash.
 */
public final class WriteKeys {

    public static final String PREFIX = "wk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WriteKeys() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the key's UTF-8 bytes, lower-case hex. */
    public static String hash(String writeKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(writeKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether this could be a key at all (cheap check before any look-up). */
    public static boolean plausible(String writeKey) {
        return writeKey != null && !writeKey.isBlank() && writeKey.length() <= 200;
    }
}
