package io.kizuna.query.history;

import io.kizuna.api.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Filters, orders and pages a customer's history. The order is the order of storage: global position, then (where
 * the store gives no position) recorded time, customer and sequence; a cursor holds that whole key, so pages stay
 * stable while new events arrive (they sort after every cursor handed out).
 */
final class HistoryPager {

    static final Comparator<StoredEvent> ORDER = Comparator.comparingLong(StoredEvent::position)
            .thenComparing(StoredEvent::recordedAt)
            .thenComparing(StoredEvent::customerId)
            .thenComparingLong(StoredEvent::sequence);

    private static final String CURSOR_VERSION = "h1";

    private HistoryPager() {}

    /** One page: the events, a cursor for each, whether more follow, and how many pass the filters in all. */
    record Page(List<StoredEvent> events, List<String> cursors, boolean hasNextPage, long totalCount) {}

    /** Checks the question's arguments before anything is read. */
    static void validate(int first, int maxPageSize, String after, Instant from, Instant to, List<String> types) {
        if (first < 1 || first > maxPageSize) {
            throw new InvalidInputException("first", "first must be between 1 and " + maxPageSize + ", got " + first);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("from", "from must be before to");
        }
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (type == null || type.isBlank()) {
                throw new InvalidInputException(
                        "types[" + i + "]", "name an event type by its simple name, such as TouchpointRecorded");
            }
        }
        if (after != null) {
            decode(after);
        }
    }

    /**
     * The page after {@code after} (null: the first page) of the events whose type is among {@code types} (empty: any)
     * and whose {@link StoredEvent#time()} is at or after {@code from} and before {@code to} (either may be null).
     */
    static Page page(List<StoredEvent> events, int first, String after, Instant from, Instant to, List<String> types) {
        Set<String> wanted = Set.copyOf(types);
        List<StoredEvent> matching = events.stream()
                .filter(e -> wanted.isEmpty() || wanted.contains(e.type()))
                .filter(e -> from == null || !e.time().isBefore(from))
                .filter(e -> to == null || e.time().isBefore(to))
                .sorted(ORDER)
                .toList();
        int start = 0;
        if (after != null) {
            StoredEvent last = decode(after);
            while (start < matching.size() && ORDER.compare(matching.get(start), last) <= 0) {
                start++;
            }
        }
        int end = Math.min(matching.size(), start + first);
        List<StoredEvent> page = matching.subList(start, end);
        List<String> cursors = new ArrayList<>(page.size());
        page.forEach(e -> cursors.add(encode(e)));
        return new Page(page, cursors, end < matching.size(), matching.size());
    }

    static String encode(StoredEvent event) {
        String key = String.join(
                "|",
                CURSOR_VERSION,
                Long.toString(event.position()),
                event.recordedAt().toString(),
                Long.toString(event.sequence()),
                event.customerId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's key, as an event that compares like the one it was made from. */
    private static StoredEvent decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = key.split("\\|", 5);
            if (parts.length != 5 || !parts[0].equals(CURSOR_VERSION)) {
                throw new IllegalArgumentException("not a history cursor");
            }
            return new StoredEvent(
                    parts[4],
                    Long.parseLong(parts[3]),
                    Long.parseLong(parts[1]),
                    null,
                    null,
                    null,
                    Instant.parse(parts[2]),
                    null,
                    false);
        } catch (RuntimeException e) {
            throw new InvalidInputException("after", "not a cursor of this history: pass an endCursor it returned");
        }
    }
}
