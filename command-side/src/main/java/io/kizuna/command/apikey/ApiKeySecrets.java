package io.kizuna.command.apikey;

import io.kizuna.command.source.WriteKeys;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: {@code kz_} and 32 random bytes in base64url. Only a secret's SHA-256 is ever stored; 256 random
 * bits need no salt or slow hash, because they cannot be guessed from their hash.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "kz_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the secret's UTF-8 bytes, lower-case hex. */
    public static String hash(String secret) {
        return WriteKeys.hash(secret);
    }

    /** Whether this could be a secret at all (cheap check before any look-up). */
    public static boolean plausible(String secret) {
        return secret != null
                && secret.length() >= 16
                && secret.length() <= 200
                && secret.strip().equals(secret);
    }

    /** The secret of an {@code Authorization: Bearer <secret>} header, or null if the header is not one. */
    public static String fromBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String secret = authorization.substring(7).strip();
        return secret.isEmpty() ? null : secret;
    }
}
