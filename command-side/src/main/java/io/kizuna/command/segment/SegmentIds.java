package io.kizuna.command.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Segment ids: lower snake case, and the id a segment defined without one gets from its name. The same name always
 * gives the same id, so defining a segment again by name makes its next version (or, unchanged, nothing).
 */
public final class SegmentIds {

    /** Lower snake case, starting with a letter, at most {@value #MAX_LENGTH} characters (as in rules). */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final int MAX_LENGTH = 64;

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SNAKE = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

    private SegmentIds() {}

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /**
     * {@code "Frequent buyers (90 days)"} gives {@code frequent_buyers_90_days}; accents are dropped
     * ({@code "Café fans"}: {@code cafe_fans}). Letters with no Latin form (e.g. Japanese) cannot be spelled in an id:
     * a name that has any gets a short hash of the whole name appended ({@code "優良顧客"}: {@code segment_1a2b3c4d}),
     * so that two such names do not share an id.
     */
    public static String fromName(String name) {
        String folded = ACCENTS.matcher(Normalizer.normalize(name.strip(), Normalizer.Form.NFKD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        boolean lost =
                LETTER_OR_DIGIT.matcher(folded.replaceAll("[a-z0-9]", "")).find();
        String snake = NOT_SNAKE.matcher(folded).replaceAll("_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
            snake = snake.isEmpty() ? "segment" : "segment_" + snake;
        }
        String suffix = lost || snake.equals("segment") ? "_" + hash(name.strip()) : "";
        int room = MAX_LENGTH - suffix.length();
        if (snake.length() > room) {
            snake = snake.substring(0, room).replaceAll("_+$", "");
        }
        return snake + suffix;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
