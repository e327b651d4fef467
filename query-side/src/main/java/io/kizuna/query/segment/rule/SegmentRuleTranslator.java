package io.kizuna.query.segment.rule;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.RangeQuery;
import io.kizuna.api.segment.rule.Comparison;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.Consent;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.FirstSeen;
import io.kizuna.api.segment.rule.SegmentRule.HasIdentifier;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Monetary;
import io.kizuna.api.segment.rule.SegmentRule.MonetaryMeasure;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.Stage;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import io.kizuna.api.segment.rule.SegmentRule.Trait;
import io.kizuna.api.segment.rule.TraitTest;
import io.kizuna.api.segment.rule.TraitValue;
import io.kizuna.api.segment.rule.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link SegmentRule} into an Elasticsearch query over the profile view that matches exactly the customers
 * the rule describes at {@code now}. {@code now} is explicit and the query holds only fixed dates, never date math
 * ({@code now-90d}), so that a live check and a background scan made at the same instant agree. Use the query in
 * filter context (a {@code bool} filter, a count); its scores mean nothing.
 *
 * <h2>The profile view fields it reads</h2>
 *
 * The projection must write these, with this mapping (days are UTC):
 *
 * <pre>{@code
 * "activity":    { "type": "nested", "properties": {          // one entry per (day, type, channel, campaign)
 *                   "day": { "type": "date" },                 // UTC midnight, e.g. "2026-03-01"
 *                   "type": { "type": "keyword" }, "channel": { "type": "keyword" },
 *                   "campaign": { "type": "keyword" },         // absent when the touchpoints had none
 *                   "count": { "type": "long" } } },           // touchpoints of that bucket (returns included)
 * "traitValues": { "type": "nested", "properties": {          // one entry per trait value (per element of a list)
 *                   "name": { "type": "keyword" },             // the trait's name as stored (a.b for nested objects)
 *                   "keyword": { "type": "keyword" },          // the value as text, exactly (true/false for flags)
 *                   "number": { "type": "double" },            // when the value is a number (or numeric text)
 *                   "text": { "type": "text" } } },            // the value as text, analysed, for contains
 * "identifiers": { "properties": { "type": { "type": "keyword" } } },   // exists today
 * "stages":      { "type": "nested", "properties": { "model": { "type": "keyword" },
 *                   "stage": { "type": "keyword" } } },        // exists today: the current stage per model
 * "lifetimeValue": { "type": "nested", "properties": {        // one entry per currency
 *                   "currency": { "type": "keyword" }, "numeric": { "type": "double" },
 *                   "purchases": { "type": "long" },           // purchases with a value in this currency
 *                   "averageOrderValue": { "type": "double" } } },  // absent when purchases is 0
 * "firstSeenAt": { "type": "date" },                          // exists today: the earliest touchpoint's business time
 * "segments":    { "type": "keyword" },                       // ids of the segments the customer is in now
 * "consents":    { "type": "keyword" },                       // "purpose" and "purpose:channel" of answers that grant
 * "consentsWithdrawn": { "type": "keyword" }                  // the same keys of answers that withdraw
 * }</pre>
 *
 * <h2>How each condition is asked</h2>
 *
 * <ul>
 *   <li>{@code touchpoints(...) >= n} is a {@code function_score} with {@code min_score: n} over a {@code nested}
 *       query on {@code activity} with {@code score_mode: sum}, whose inner {@code function_score} replaces each
 *       matching bucket's score by its {@code count} ({@code field_value_factor}, {@code boost_mode: replace}): the
 *       nested score is the number of matching touchpoints, with no script (the cluster has no painless). Scores
 *       are floats, exact for counts up to 2^24, well above {@link io.kizuna.api.segment.rule.RuleLimits#MAX_COUNT}.
 *       The other comparisons are {@code not} / {@code and} of that form, so {@code = 0} and {@code < n} include
 *       customers with no activity at all. A window selects buckets by day: {@code within: 90d} those on or after the
 *       UTC day containing {@code now - 90d}; {@code from/to} those between the two days, both included.
 *   <li>{@code days_since(...) CMP n} compares {@code day(now) - day(last matching bucket)} in whole UTC days: e.g.
 *       {@code >= n} is "has a matching bucket, and none on or after {@code day(now) - n + 1}". Customers without a
 *       matching bucket never match.
 *   <li>{@code first_seen(...)} is a range on {@code firstSeenAt} by whole UTC days: {@code within: 30d} from the
 *       start of the UTC day containing {@code now - 30d}; {@code from/to} from the start of the first day to the end
 *       of the last. Customers without {@code firstSeenAt} (never seen) never match.
 *   <li>{@code lifetime_value(C)} is 0 for a customer without an entry in currency C; {@code average_order_value(C)}
 *       only matches entries with {@code purchases >= 1}.
 *   <li>{@code stage(m) != s} / {@code not in} include customers without a stage in model m.
 * </ul>
 */
public final class SegmentRuleTranslator {

    public static final String ACTIVITY = "activity";
    public static final String TRAIT_VALUES = "traitValues";
    public static final String STAGES = "stages";
    public static final String LIFETIME_VALUE = "lifetimeValue";
    public static final String IDENTIFIER_TYPE = "identifiers.type";
    public static final String SEGMENTS = "segments";
    public static final String CONSENTS = "consents";
    public static final String CONSENTS_WITHDRAWN = "consentsWithdrawn";
    public static final String FIRST_SEEN_AT = "firstSeenAt";

    private SegmentRuleTranslator() {}

    /** The query matching the customers {@code rule} describes at {@code now}. */
    public static Query toQuery(SegmentRule rule, Instant now) {
        Objects.requireNonNull(now, "now");
        return new Translation(LocalDate.ofInstant(now, ZoneOffset.UTC), now).query(rule);
    }

    private record Translation(LocalDate today, Instant now) {

        Query query(SegmentRule rule) {
            if (rule instanceof And and) {
                return Query.of(q -> q.bool(
                        b -> b.filter(and.rules().stream().map(this::query).toList())));
            }
            if (rule instanceof Or or) {
                return Query.of(q -> q.bool(b ->
                        b.should(or.rules().stream().map(this::query).toList()).minimumShouldMatch("1")));
            }
            if (rule instanceof Not not) {
                return not(query(not.rule()));
            }
            if (rule instanceof TouchpointCount count) {
                return touchpoints(count);
            }
            if (rule instanceof Trait trait) {
                return trait(trait);
            }
            if (rule instanceof HasIdentifier has) {
                return term(IDENTIFIER_TYPE, has.type());
            }
            if (rule instanceof DaysSince since) {
                return daysSince(since);
            }
            if (rule instanceof FirstSeen first) {
                return firstSeen(first);
            }
            if (rule instanceof Monetary money) {
                return money.measure() == MonetaryMeasure.LIFETIME_VALUE ? lifetimeValue(money) : averageOrder(money);
            }
            if (rule instanceof Stage stage) {
                Query in = nested(
                        STAGES, and(term(STAGES + ".model", stage.model()), terms(STAGES + ".stage", stage.stages())));
                return stage.negated() ? not(in) : in;
            }
            if (rule instanceof InSegment in) {
                return term(SEGMENTS, in.segmentId());
            }
            if (rule instanceof Consent consent) {
                return consent(consent);
            }
            throw new IllegalArgumentException("unknown rule " + rule);
        }

        /**
         * {@code consent(p)}: the answer for every channel grants. {@code consent(p, c)}: the answer for channel c
         * grants, or there is none and the answer for every channel grants (the rule of {@code Consents.effective}).
         */
        private Query consent(Consent consent) {
            Query everyChannel = term(CONSENTS, consent.purpose());
            if (consent.channel() == null) {
                return everyChannel;
            }
            String key = consent.purpose() + ":" + consent.channel();
            Query overridden =
                    Query.of(q -> q.bool(b -> b.filter(everyChannel).mustNot(term(CONSENTS_WITHDRAWN, key))));
            return Query.of(
                    q -> q.bool(b -> b.should(term(CONSENTS, key), overridden).minimumShouldMatch("1")));
        }

        // ---- touchpoint counts

        private Query touchpoints(TouchpointCount count) {
            Window window = count.window();
            LocalDate first = window == null ? null : window.firstDay(now);
            LocalDate last = window == null ? null : window.lastDay(now);
            List<Query> filters = activityFilters(count.types(), count.channels(), count.campaigns(), first, last);
            long n = count.count();
            return switch (count.comparison()) {
                case AT_LEAST -> atLeast(filters, n);
                case MORE_THAN -> atLeast(filters, n + 1);
                case AT_MOST -> not(atLeast(filters, n + 1));
                case LESS_THAN -> not(atLeast(filters, n));
                case EQUAL -> exactly(filters, n);
                case NOT_EQUAL -> not(exactly(filters, n));
            };
        }

        private static Query exactly(List<Query> filters, long n) {
            return n == 0 ? not(atLeast(filters, 1)) : and(atLeast(filters, n), not(atLeast(filters, n + 1)));
        }

        /**
         * Customers whose matching activity buckets add up to at least {@code n} touchpoints: the sum of the buckets'
         * counts is the nested score, and {@code min_score} keeps the customers reaching {@code n}.
         */
        private static Query atLeast(List<Query> filters, long n) {
            if (n <= 0) {
                return Query.of(q -> q.matchAll(m -> m));
            }
            Query countPerBucket = Query.of(q -> q.functionScore(fs -> fs.query(all(filters))
                    .functions(f ->
                            f.fieldValueFactor(v -> v.field(ACTIVITY + ".count").missing(0.0)))
                    .boostMode(FunctionBoostMode.Replace)));
            Query sum = Query.of(q -> q.nested(
                    nq -> nq.path(ACTIVITY).scoreMode(ChildScoreMode.Sum).query(countPerBucket)));
            return Query.of(q -> q.functionScore(fs -> fs.query(sum).minScore((double) n)));
        }

        private static List<Query> activityFilters(
                List<String> types, List<String> channels, List<String> campaigns, LocalDate first, LocalDate last) {
            List<Query> filters = new ArrayList<>();
            if (!types.isEmpty()) {
                filters.add(terms(ACTIVITY + ".type", types));
            }
            if (!channels.isEmpty()) {
                filters.add(terms(ACTIVITY + ".channel", channels));
            }
            if (!campaigns.isEmpty()) {
                filters.add(terms(ACTIVITY + ".campaign", campaigns));
            }
            if (first != null || last != null) {
                filters.add(days(first, last));
            }
            return filters;
        }

        private static Query days(LocalDate first, LocalDate last) {
            return Query.of(q -> q.range(r -> r.date(d -> {
                d.field(ACTIVITY + ".day").format("strict_date");
                if (first != null) {
                    d.gte(first.toString());
                }
                if (last != null) {
                    d.lte(last.toString());
                }
                return d;
            })));
        }

        // ---- recency

        private Query daysSince(DaysSince since) {
            int n = since.days();
            return switch (since.comparison()) {
                case AT_LEAST -> lastActivityAtOrBefore(since, today.minusDays(n));
                case MORE_THAN -> lastActivityAtOrBefore(since, today.minusDays(n + 1L));
                case AT_MOST -> activitySince(since, today.minusDays(n));
                case LESS_THAN -> activitySince(since, today.minusDays(n - 1L));
                case EQUAL -> lastActivityOn(since, today.minusDays(n));
                case NOT_EQUAL -> and(activitySince(since, null), not(lastActivityOn(since, today.minusDays(n))));
            };
        }

        /** Has matching activity, and none after {@code day}: the last one is on or before it. */
        private Query lastActivityAtOrBefore(DaysSince since, LocalDate day) {
            return and(activitySince(since, null), not(activitySince(since, day.plusDays(1))));
        }

        /** The last matching activity is on {@code day}. */
        private Query lastActivityOn(DaysSince since, LocalDate day) {
            Query onThatDay =
                    nested(ACTIVITY, all(activityFilters(since.types(), since.channels(), List.of(), day, day)));
            return and(onThatDay, not(activitySince(since, day.plusDays(1))));
        }

        /** Has matching activity on or after {@code day} (null: ever). */
        private static Query activitySince(DaysSince since, LocalDate day) {
            return nested(ACTIVITY, all(activityFilters(since.types(), since.channels(), List.of(), day, null)));
        }

        // ---- first seen

        /** {@code firstSeenAt} on or after the window's first UTC day and, for a date range, before the day after. */
        private Query firstSeen(FirstSeen first) {
            LocalDate from = first.window().firstDay(now);
            LocalDate to = first.window().lastDay(now);
            return Query.of(q -> q.range(r -> r.date(d -> {
                d.field(FIRST_SEEN_AT).format("strict_date_optional_time");
                d.gte(from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                if (to != null) {
                    d.lt(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                }
                return d;
            })));
        }

        // ---- traits

        private static Query trait(Trait trait) {
            String f = TRAIT_VALUES + ".";
            Query name = term(f + "name", trait.name());
            TraitTest test = trait.test();
            Query value;
            if (test instanceof TraitTest.Equals equals) {
                value = equalTo(equals.value());
            } else if (test instanceof TraitTest.In in) {
                List<String> texts = new ArrayList<>();
                List<FieldValue> numbers = new ArrayList<>();
                for (TraitValue v : in.values()) {
                    if (v instanceof TraitValue.Numeric number) {
                        numbers.add(FieldValue.of(number.value().doubleValue()));
                    } else {
                        texts.add(text(v));
                    }
                }
                List<Query> any = new ArrayList<>();
                if (!texts.isEmpty()) {
                    any.add(terms(f + "keyword", texts));
                }
                if (!numbers.isEmpty()) {
                    any.add(Query.of(q -> q.terms(t -> t.field(f + "number").terms(v -> v.value(numbers)))));
                }
                value = any.size() == 1
                        ? any.get(0)
                        : Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1")));
            } else if (test instanceof TraitTest.Range range) {
                value = traitRange(range);
            } else if (test instanceof TraitTest.Exists) {
                value = null;
            } else if (test instanceof TraitTest.TextMatch match) {
                value = Query.of(q ->
                        q.match(m -> m.field(f + "text").query(match.text()).operator(Operator.And)));
            } else {
                throw new IllegalArgumentException("unknown trait test " + test);
            }
            return nested(TRAIT_VALUES, value == null ? name : and(name, value));
        }

        private static Query equalTo(TraitValue value) {
            if (value instanceof TraitValue.Numeric number) {
                return Query.of(q -> q.term(t ->
                        t.field(TRAIT_VALUES + ".number").value(number.value().doubleValue())));
            }
            return term(TRAIT_VALUES + ".keyword", text(value));
        }

        private static Query traitRange(TraitTest.Range range) {
            TraitValue end = range.min() != null ? range.min() : range.max();
            if (end instanceof TraitValue.Numeric) {
                return Query.of(q -> q.range(r -> r.number(n -> {
                    n.field(TRAIT_VALUES + ".number");
                    if (range.min() != null) {
                        double min = ((TraitValue.Numeric) range.min()).value().doubleValue();
                        if (range.minInclusive()) {
                            n.gte(min);
                        } else {
                            n.gt(min);
                        }
                    }
                    if (range.max() != null) {
                        double max = ((TraitValue.Numeric) range.max()).value().doubleValue();
                        if (range.maxInclusive()) {
                            n.lte(max);
                        } else {
                            n.lt(max);
                        }
                    }
                    return n;
                })));
            }
            return Query.of(q -> q.range(r -> r.term(t -> {
                t.field(TRAIT_VALUES + ".keyword");
                if (range.min() != null) {
                    if (range.minInclusive()) {
                        t.gte(text(range.min()));
                    } else {
                        t.gt(text(range.min()));
                    }
                }
                if (range.max() != null) {
                    if (range.maxInclusive()) {
                        t.lte(text(range.max()));
                    } else {
                        t.lt(text(range.max()));
                    }
                }
                return t;
            })));
        }

        private static String text(TraitValue value) {
            if (value instanceof TraitValue.Text text) {
                return text.value();
            }
            if (value instanceof TraitValue.Flag flag) {
                return String.valueOf(flag.value());
            }
            return ((TraitValue.Numeric) value).value().toPlainString();
        }

        // ---- money

        /** The lifetime value in the currency, 0 for a customer without one, compared with the amount. */
        private static Query lifetimeValue(Monetary money) {
            String f = LIFETIME_VALUE + ".";
            Query inCurrency = term(f + "currency", money.currency());
            Query withValue =
                    nested(LIFETIME_VALUE, and(inCurrency, compare(f + "numeric", money.comparison(), money.amount())));
            if (!money.comparison().test(BigDecimal.ZERO.compareTo(money.amount()))) {
                return withValue;
            }
            Query none = not(nested(LIFETIME_VALUE, inCurrency));
            return Query.of(q -> q.bool(b -> b.should(withValue, none).minimumShouldMatch("1")));
        }

        private static Query averageOrder(Monetary money) {
            String f = LIFETIME_VALUE + ".";
            return nested(
                    LIFETIME_VALUE,
                    and(
                            term(f + "currency", money.currency()),
                            Query.of(q -> q.range(
                                    r -> r.number(n -> n.field(f + "purchases").gte(1.0)))),
                            Query.of(q -> q.exists(e -> e.field(f + "averageOrderValue"))),
                            compare(f + "averageOrderValue", money.comparison(), money.amount())));
        }

        private static Query compare(String field, Comparison comparison, BigDecimal amount) {
            double value = amount.doubleValue();
            return switch (comparison) {
                case AT_LEAST -> numberRange(field, r -> r.gte(value));
                case MORE_THAN -> numberRange(field, r -> r.gt(value));
                case AT_MOST -> numberRange(field, r -> r.lte(value));
                case LESS_THAN -> numberRange(field, r -> r.lt(value));
                case EQUAL -> numberRange(field, r -> r.gte(value).lte(value));
                case NOT_EQUAL -> not(numberRange(field, r -> r.gte(value).lte(value)));
            };
        }

        private static Query numberRange(
                String field,
                java.util.function.Consumer<co.elastic.clients.elasticsearch._types.query_dsl.NumberRangeQuery.Builder>
                        bounds) {
            return Query.of(q -> q.range(RangeQuery.of(r -> r.number(n -> {
                n.field(field);
                bounds.accept(n);
                return n;
            }))));
        }

        // ---- building blocks

        private static Query nested(String path, Query query) {
            return Query.of(q ->
                    q.nested(n -> n.path(path).scoreMode(ChildScoreMode.None).query(query)));
        }

        private static Query all(List<Query> filters) {
            return Query.of(q -> q.bool(b -> b.filter(filters)));
        }

        private static Query and(Query... queries) {
            return all(List.of(queries));
        }

        private static Query not(Query query) {
            if (query.isMatchAll()) {
                return Query.of(q -> q.matchNone(m -> m));
            }
            if (query.isMatchNone()) {
                return Query.of(q -> q.matchAll(m -> m));
            }
            return Query.of(q -> q.bool(b -> b.mustNot(query)));
        }

        private static Query term(String field, String value) {
            return Query.of(q -> q.term(t -> t.field(field).value(value)));
        }

        private static Query terms(String field, List<String> values) {
            List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
            return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
        }
    }
}
