package io.kizuna.cli.importing.file;

/**
 * What one line of an NDJSON file, or one row of a CSV file, became: a Segment message ready to send, a blank line,
 * or a rejection with its reason.
 *
 * @param firstLine the 1-based line it starts on
 * @param lastLine the line it ends on (a CSV row with a quoted line break spans several)
 * @param endOffset the byte offset where the next entry starts: where an import resumes after it
 * @param content the text as read, for the rejected list
 * @param message the message as compact JSON, or {@code null}
 * @param rejection why it cannot be sent, or {@code null}
 */
public record Entry(long firstLine, long lastLine, long endOffset, String content, byte[] message, String rejection) {

    static Entry message(long firstLine, long lastLine, long endOffset, String content, byte[] message) {
        return new Entry(firstLine, lastLine, endOffset, content, message, null);
    }

    static Entry rejected(long firstLine, long lastLine, long endOffset, String content, String reason) {
        return new Entry(firstLine, lastLine, endOffset, content, null, reason);
    }

    static Entry blank(long line, long endOffset) {
        return new Entry(line, line, endOffset, "", null, null);
    }

    public boolean isMessage() {
        return message != null;
    }

    public boolean isBlank() {
        return message == null && rejection == null;
    }

    /** The same entry, refused after all (by the intake): {@code reason} says why. */
    public Entry reject(String reason) {
        return new Entry(firstLine, lastLine, endOffset, content, null, reason);
    }
}
