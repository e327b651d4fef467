package io.kizuna.cli.importing.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The messageId of a line that has none: a hash of the line's number and text. Importing the same file again gives
 * the same ids, so the intake (which deduplicates by messageId for all time) stores nothing twice; the number makes
 * two identical lines of one file two messages, as they were two events.
 */
public final class MessageIds {

    public static final String PREFIX = "kizuna-import-";

    private MessageIds() {}

    public static String of(long lineNumber, String content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Long.toString(lineNumber).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(content.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
