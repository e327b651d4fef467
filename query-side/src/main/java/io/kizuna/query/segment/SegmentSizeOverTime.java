package io.kizuna.query.segment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.kizuna.api.segment.FindSegmentSizeOverTime;
import io.kizuna.api.segment.SegmentSizeHistory;
import io.kizuna.api.segment.SegmentSizePoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A segment's size over time, from the segment changes view (one +1 or -1 per recorded entry or exit), in one request
 * and without scripts: the size before {@code from} is the sum of the deltas before it; a {@code date_histogram} of
 * the changes from {@code from} to {@code to} (UTC calendar intervals, empty intervals included) sums each interval's
 * deltas, and a {@code cumulative_sum} pipeline adds them up.
 *
 * <p>Each point is the size at the END of its interval: {@code at} is the interval's end (its last one ends at
 * {@code to}), and the size counts the changes before {@code at}. The first interval is the calendar interval that
 * contains {@code from} (so its changes are those from {@code from} on). Weeks start on Monday, months on the 1st.
 */
@Component
public class SegmentSizeOverTime {

    /** The most points one answer gives. */
    public static final int MAX_POINTS = 1_000;

    /** The intervals asked for as {@code 1h}, {@code 1d}, {@code 1w}, {@code 1M}. */
    enum Interval {
        HOUR("1h", CalendarInterval.Hour),
        DAY("1d", CalendarInterval.Day),
        WEEK("1w", CalendarInterval.Week),
        MONTH("1M", CalendarInterval.Month);

        final String text;
        final CalendarInterval calendar;

        Interval(String text, CalendarInterval calendar) {
            this.text = text;
            this.calendar = calendar;
        }

        static Interval of(String text) {
            return Arrays.stream(values())
                    .filter(i -> i.text.equals(text))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "interval",
                            "interval must be one of "
                                    + Arrays.stream(values()).map(i -> i.text).collect(Collectors.joining(", "))
                                    + ", got '" + text + "'"));
        }

        /** The start of the UTC calendar interval containing {@code at}, as Elasticsearch rounds it. */
        Instant start(Instant at) {
            ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
            return switch (this) {
                case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).toInstant();
                case DAY -> utc.truncatedTo(ChronoUnit.DAYS).toInstant();
                case WEEK ->
                    utc.truncatedTo(ChronoUnit.DAYS)
                            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                            .toInstant();
                case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            };
        }

        /** The start of the next interval, given the start of one. */
        Instant next(Instant start) {
            ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
            return switch (this) {
                case HOUR -> utc.plusHours(1).toInstant();
                case DAY -> utc.plusDays(1).toInstant();
                case WEEK -> utc.plusWeeks(1).toInstant();
                case MONTH -> utc.plusMonths(1).toInstant();
            };
        }
    }

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    public SegmentSizeOverTime(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    @QueryHandler
    public SegmentSizeHistory handle(FindSegmentSizeOverTime query) throws IOException {
        Interval interval = Interval.of(query.interval());
        Instant from = query.from();
        Instant to = query.to();
        if (from == null) {
            throw new InvalidInputException("from", "from is required");
        }
        if (to == null) {
            throw new InvalidInputException("to", "to is required");
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "to must be after from");
        }
        int points = 0;
        for (Instant start = interval.start(from); start.isBefore(to); start = interval.next(start)) {
            if (++points > MAX_POINTS) {
                throw new InvalidInputException(
                        "interval",
                        "from " + from + " to " + to + " in steps of " + interval.text + " is more than " + MAX_POINTS
                                + " points: choose a longer interval or a shorter period");
            }
        }

        Aggregation before = Aggregation.of(
                a -> a.filter(f -> f.range(r -> r.date(d -> d.field("at").lt(from.toString()))))
                        .aggregations("delta", sum()));
        Aggregation window = Aggregation.of(a -> a.filter(f -> f.range(
                        r -> r.date(d -> d.field("at").gte(from.toString()).lt(to.toString()))))
                .aggregations("intervals", Aggregation.of(h -> h.dateHistogram(dh -> dh.field("at")
                                .calendarInterval(interval.calendar)
                                .timeZone("UTC")
                                .minDocCount(0)
                                .extendedBounds(b -> b.min(FieldDateMath.of(m -> m.expr(from.toString())))
                                        .max(FieldDateMath.of(
                                                m -> m.expr(to.minusMillis(1).toString())))))
                        .aggregations("delta", sum())
                        .aggregations(
                                "size",
                                Aggregation.of(c -> c.cumulativeSum(cs -> cs.bucketsPath(p -> p.single("delta"))))))));
        SearchResponse<Void> response = client.search(
                s -> s.index(names.alias(ViewIndex.SEGMENT_CHANGES))
                        .size(0)
                        .query(Query.of(q -> q.term(t -> t.field("segmentId").value(query.segmentId()))))
                        .aggregations("before", before)
                        .aggregations("window", window),
                Void.class);

        long sizeAtFrom = Math.round(value(response.aggregations()
                .get("before")
                .filter()
                .aggregations()
                .get("delta")
                .sum()
                .value()));
        List<SegmentSizePoint> sizes = new ArrayList<>();
        for (DateHistogramBucket bucket : response.aggregations()
                .get("window")
                .filter()
                .aggregations()
                .get("intervals")
                .dateHistogram()
                .buckets()
                .array()) {
            Instant end = interval.next(Instant.ofEpochMilli(bucket.key()));
            Aggregate size = bucket.aggregations().get("size");
            long changes = Math.round(value(size.simpleValue().value()));
            sizes.add(new SegmentSizePoint(end.isAfter(to) ? to : end, sizeAtFrom + changes));
        }
        return new SegmentSizeHistory(sizes);
    }

    private static Aggregation sum() {
        return Aggregation.of(a -> a.sum(s -> s.field("delta")));
    }

    private static double value(Double value) {
        return value == null ? 0 : value;
    }
}
