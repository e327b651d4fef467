package io.kizuna.api.segment.rule;

/** A mistake in a rule's text at {@code offset}; {@link SegmentRules} turns it into an InvalidInputException. */
final class RuleSyntaxError extends RuntimeException {

    private final int offset;

    RuleSyntaxError(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
