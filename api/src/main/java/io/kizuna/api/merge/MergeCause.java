package io.kizuna.api.merge;

/**
 * Why two customers were (or were not) merged: an integrator's message that tied their identifiers
 * ({@code kind = "message"}, with its messageId and source), or a person's decision ({@code kind = "user"}, with
 * who and why). Never personal data.
 */
public record MergeCause(String kind, String messageId, String sourceId, String actor, String reason) {

    public static MergeCause message(String messageId, String sourceId) {
        return new MergeCause("message", messageId, sourceId, null, null);
    }

    public static MergeCause user(String actor, String reason) {
        return new MergeCause("user", null, null, actor, reason);
    }
}
