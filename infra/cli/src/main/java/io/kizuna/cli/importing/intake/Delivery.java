package io.kizuna.cli.importing.intake;

import io.kizuna.cli.importing.file.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers one batch's messages until every one is acknowledged or refused. The intake stores nothing of a refused
 * request (or, of a large one, only parts that a resend deduplicates) and names the message at fault
 * ({@code "field":"batch[12].event"}): that message is refused with the intake's reason and the rest sent again. A
 * refusal that names no message (a size limit, say) is narrowed down by halving the batch.
 */
public final class Delivery {

    private static final Pattern POSITION = Pattern.compile("^batch\\[(\\d+)](?:\\.(.+))?$");
    private static final Pattern AND_MORE = Pattern.compile("\\s*\\(and \\d+ more\\)$");

    private final IntakeClient client;

    /** A message the intake refused, and its reason. */
    public record Refusal(Entry entry, String reason) {}

    /**
     * @param acknowledged messages the intake answered 200 for
     * @param requests requests it took
     */
    public record Outcome(int acknowledged, List<Refusal> refused, int requests) {}

    public Delivery(IntakeClient client) {
        this.client = client;
    }

    public Outcome deliver(List<Entry> messages) throws IntakeException, InterruptedException {
        int acknowledged = 0;
        int requests = 0;
        List<Refusal> refused = new ArrayList<>();
        Deque<List<Entry>> work = new ArrayDeque<>();
        work.push(messages);
        while (!work.isEmpty()) {
            List<Entry> part = work.pop();
            if (part.isEmpty()) {
                continue;
            }
            requests++;
            IntakeClient.Answer answer = client.send(BatchBuilder.body(part));
            if (answer instanceof IntakeClient.Accepted) {
                acknowledged += part.size();
                continue;
            }
            IntakeClient.Refused refusal = (IntakeClient.Refused) answer;
            Matcher at = refusal.field() == null ? null : POSITION.matcher(refusal.field());
            int index = at != null && at.matches() ? parseIndex(at.group(1)) : -1;
            if (index >= 0 && index < part.size()) {
                refused.add(new Refusal(part.get(index), reason(refusal.message(), at.group(2))));
                List<Entry> rest = new ArrayList<>(part);
                rest.remove(index);
                work.push(rest);
            } else if (part.size() == 1) {
                refused.add(new Refusal(part.get(0), reason(refusal.message(), null)));
            } else {
                int half = part.size() / 2;
                work.push(part.subList(half, part.size()));
                work.push(part.subList(0, half));
            }
        }
        return new Outcome(acknowledged, List.copyOf(refused), requests);
    }

    /**
     * The intake's message for one line: its field within the message, and without the "(and 3 more)" that counts
     * problems of the whole request (the others are found when the rest is sent again).
     */
    static String reason(String message, String field) {
        String text = message == null || message.isBlank()
                ? "refused by the intake"
                : AND_MORE.matcher(message.strip()).replaceFirst("");
        return field == null ? text : field + ": " + text;
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
