package io.kizuna.infra.privacy;

import javax.crypto.SecretKey;

/** One customer's data key: the id every envelope sealed with it names, and the 256-bit AES key. */
public record DataKey(String keyId, SecretKey key) {}
