package io.kizuna.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.validation.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryPagerTest {

    private static final Instant T = Instant.parse("2026-05-01T00:00:00Z");
    private static final String CUSTOMER = "c-1";

    private static StoredEvent event(long position, long sequence, Object payload, Instant recordedAt) {
        return new StoredEvent(
                CUSTOMER, sequence, position, "e-" + position, payload, "1", recordedAt, Map.of(), false);
    }

    private static TouchpointRecorded touchpoint(String messageId, Instant occurredAt) {
        return new TouchpointRecorded(
                CUSTOMER, messageId, "purchase", "web", occurredAt, T, null, null, Map.of(), null);
    }

    /** Registration, three touchpoints (the third arriving late), a trait change; stored out of sequence order. */
    private static List<StoredEvent> history() {
        return List.of(
                event(
                        14,
                        4,
                        new TraitsChanged(CUSTOMER, Map.of("plan", "gold"), List.of(), T.plusSeconds(40), "m-t"),
                        T.plusSeconds(40)),
                event(3, 0, new CustomerRegistered(CUSTOMER, new Identifier("crm", "C-1"), T), T),
                event(4, 1, touchpoint("m-1", T.minusSeconds(3600)), T),
                event(9, 2, touchpoint("m-2", T.minusSeconds(1800)), T.plusSeconds(10)),
                event(12, 3, touchpoint("m-3", T.minusSeconds(7200)), T.plusSeconds(20)));
    }

    private static List<Long> positions(HistoryPager.Page page) {
        return page.events().stream().map(StoredEvent::position).toList();
    }

    @Test
    void pagesFollowEachOtherInTheOrderOfStorageWithoutGapsOrRepeats() {
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        HistoryPager.Page page;
        do {
            page = HistoryPager.page(history(), 2, after, null, null, List.of());
            seen.addAll(positions(page));
            assertThat(page.totalCount()).isEqualTo(5);
            after = page.cursors().isEmpty()
                    ? null
                    : page.cursors().get(page.cursors().size() - 1);
            pages++;
        } while (page.hasNextPage());

        assertThat(seen).containsExactly(3L, 4L, 9L, 12L, 14L);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCursorStaysValidWhenNewEventsArrive() {
        HistoryPager.Page first = HistoryPager.page(history(), 2, null, null, null, List.of());
        List<StoredEvent> grown = new ArrayList<>(history());
        grown.add(event(20, 5, touchpoint("m-4", T.minusSeconds(9000)), T.plusSeconds(60)));

        HistoryPager.Page next = HistoryPager.page(grown, 10, first.cursors().get(1), null, null, List.of());

        assertThat(positions(next)).containsExactly(9L, 12L, 14L, 20L);
        assertThat(next.hasNextPage()).isFalse();
    }

    @Test
    void typesFilterBySimpleName() {
        HistoryPager.Page page = HistoryPager.page(history(), 10, null, null, null, List.of("TouchpointRecorded"));

        assertThat(positions(page)).containsExactly(4L, 9L, 12L);
        assertThat(page.totalCount()).isEqualTo(3);
    }

    @Test
    void timeFiltersUseBusinessTimeWhereTheEventHasOneAndRecordedTimeOtherwise() {
        // touchpoints happened 2 h, 1 h and 30 min before T; registration and the trait change at T and T+40 s
        HistoryPager.Page lateArrivals =
                HistoryPager.page(history(), 10, null, T.minusSeconds(7200), T.minusSeconds(3600), List.of());
        HistoryPager.Page fromT = HistoryPager.page(history(), 10, null, T, null, List.of());

        assertThat(positions(lateArrivals)).containsExactly(12L); // from inclusive, to exclusive
        assertThat(positions(fromT)).containsExactly(3L, 14L);
    }

    @Test
    void withoutPositionsTheOrderIsByRecordedTime() {
        List<StoredEvent> unpositioned = history().stream()
                .map(e -> new StoredEvent(
                        e.customerId(),
                        e.sequence(),
                        -1,
                        e.eventId(),
                        e.payload(),
                        null,
                        e.recordedAt(),
                        e.metaData(),
                        false))
                .toList();

        HistoryPager.Page first = HistoryPager.page(unpositioned, 3, null, null, null, List.of());
        HistoryPager.Page rest =
                HistoryPager.page(unpositioned, 3, first.cursors().get(2), null, null, List.of());

        assertThat(first.events()).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(rest.events()).extracting(StoredEvent::sequence).containsExactly(3L, 4L);
    }

    @Test
    void refusesPageSizesOutsideOneToTheMaximum() {
        assertThatThrownBy(() -> HistoryPager.validate(0, 100, null, null, null, List.of()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("first"));
        assertThatThrownBy(() -> HistoryPager.validate(101, 100, null, null, null, List.of()))
                .isInstanceOf(InvalidInputException.class);
        HistoryPager.validate(100, 100, null, null, null, List.of());
    }

    @Test
    void refusesForeignCursorsAndEmptyRanges() {
        assertThatThrownBy(() -> HistoryPager.validate(10, 100, "bm90LWEtY3Vyc29y", null, null, List.of()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("after"));
        assertThatThrownBy(() -> HistoryPager.validate(10, 100, null, T, T, List.of()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("from"));
    }
}
