package io.kizuna.api.segment.rule;

import java.util.List;

/** Says where an offset of a rule's text is, the way a person counts: {@code column 27}, or with the line. */
final class RuleLocation {

    private final String text;

    RuleLocation(String text) {
        this.text = text;
    }

    /** {@code column 27} for a one-line rule, {@code line 2, column 5} otherwise; both count from 1. */
    String describe(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        return text.indexOf('\n') < 0 ? "column " + column : "line " + line + ", column " + column;
    }

    /** The candidate at most two edits away from {@code word}, for "did you mean"; null if none is. */
    static String closest(String word, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
