package io.kizuna.bench;

import io.kizuna.bench.BenchCli.Target;
import io.kizuna.bench.report.Report;
import java.util.List;
import java.util.Map;

/** The report as a table for the terminal: the headline figures, their ceiling fractions and the targets. */
final class Table {

    private static final List<String[]> ROWS = List.of(
            new String[] {
                "ingestion acknowledged (touchpoints/s)",
                "ingestion.acknowledged_per_second",
                "ingestion.acknowledged_fraction_of_ceiling"
            },
            new String[] {
                "ingestion stored (touchpoints/s)",
                "ingestion.stored_per_second",
                "ingestion.stored_fraction_of_ceiling"
            },
            new String[] {"stored / expected touchpoints", "ingestion.stored", null},
            new String[] {"lost touchpoints", "ingestion.lost", null},
            new String[] {"doubled touchpoints", "ingestion.doubled", null},
            new String[] {"batches failing (5xx), resent singly", "ingestion.failed_batches", null},
            new String[] {"messages failing even alone", "ingestion.failed", null},
            new String[] {
                "projection catch-up (events/s)",
                "projection.catch_up_per_second",
                "projection.catch_up_fraction_of_ceiling"
            },
            new String[] {"projection lag after ingestion (ms)", "projection.lag_after_ingestion_ms", null},
            new String[] {"freshness p50 (ms)", "freshness.p50_ms", null},
            new String[] {"freshness p99 (ms)", "freshness.p99_ms", null},
            new String[] {"freshness load (messages/s)", "freshness.load_per_second", null},
            new String[] {"rebuild (events/s)", "rebuild.events_per_second", "rebuild.fraction_of_ceiling"},
            new String[] {"profile by id p50 / p99 (ms)", "graphql.profile_by_id.p50_ms", "graphql.profile_by_id.p99_ms"
            },
            new String[] {"search p50 / p99 (ms)", "graphql.search.p50_ms", "graphql.search.p99_ms"},
            new String[] {"timeline page p50 / p99 (ms)", "graphql.timeline_page.p50_ms", "graphql.timeline_page.p99_ms"
            },
            new String[] {"funnel p50 / p99 (ms)", "graphql.funnel.p50_ms", "graphql.funnel.p99_ms"},
            new String[] {"segment size p50 / p99 (ms)", "graphql.segment_size.p50_ms", "graphql.segment_size.p99_ms"},
            new String[] {"history page p50 / p99 (ms)", "graphql.history_page.p50_ms", "graphql.history_page.p99_ms"},
            new String[] {"time travel p50 / p99 (ms)", "graphql.time_travel.p50_ms", "graphql.time_travel.p99_ms"},
            new String[] {"ceiling PostgreSQL (rows/s)", "ceiling.postgres_rows_per_second", null},
            new String[] {"ceiling Elasticsearch (docs/s)", "ceiling.elasticsearch_docs_per_second", null});

    private Table() {}

    static String render(Report report, List<Target> targets) {
        StringBuilder text = new StringBuilder("\n");
        text.append(String.format("%-40s %14s %16s%n", "figure", "value", "of ceiling / p99"));
        text.append("-".repeat(72)).append('\n');
        for (String[] row : ROWS) {
            Object value = report.get(row[1]);
            if (value == null) {
                continue;
            }
            Object second = row[2] == null ? null : report.get(row[2]);
            String secondText = second == null
                    ? ""
                    : row[2].endsWith("fraction_of_ceiling")
                            ? String.format("%.1f %%", 100 * number(second))
                            : format(second);
            String first = row[1].equals("ingestion.stored")
                    ? format(value) + " / " + format(report.get("ingestion.expected"))
                    : format(value);
            text.append(String.format("%-40s %14s %16s%n", row[0], first, secondText));
        }
        text.append("\ntargets\n");
        for (Target t : targets) {
            Object met = report.get("targets." + t.key().replace('.', '_') + ".met");
            text.append(String.format(
                    "  %-38s %s %,.0f %-14s %s%n",
                    t.key(),
                    t.atLeast() ? ">=" : "<=",
                    t.bound(),
                    t.unit(),
                    met == null ? "not measured" : (Boolean) met ? "met" : "NOT met"));
        }
        for (Map.Entry<String, Object> e : report.flat().entrySet()) {
            if (e.getKey().endsWith(".error")) {
                text.append("  ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue())
                        .append('\n');
            }
        }
        for (Map.Entry<String, Object> e : report.flat().entrySet()) {
            if (e.getKey().startsWith("resources.") && e.getKey().endsWith(".cpu_seconds")) {
                String name = e.getKey().substring(10, e.getKey().length() - 12);
                double peak = number(report.get("resources." + name + ".peak_rss_mb"));
                text.append(String.format(
                        "  resources %-13s %8.1f CPU s%s%n",
                        name, number(e.getValue()), Double.isNaN(peak) ? "" : String.format("  peak %,.0f MB", peak)));
            }
        }
        return text.toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
        }
        if (value instanceof Number n) {
            return String.format("%,d", n.longValue());
        }
        return String.valueOf(value);
    }
}
