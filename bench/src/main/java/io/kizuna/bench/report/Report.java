package io.kizuna.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run under dotted keys ({@code ingestion.acknowledged_per_second}), kept in insertion order and
 * written as nested JSON objects ({@code {"ingestion": {"acknowledged_per_second": ...}}}). BENCHMARKS.md lists
 * the keys.
 */
public final class Report {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> flat = new LinkedHashMap<>();

    /** Sets a figure; doubles are rounded to three decimals, NaN and infinities become null. */
    public synchronized Report put(String key, Object value) {
        Object v = value;
        if (v instanceof Double d) {
            v = d.isNaN() || d.isInfinite() ? null : Math.round(d * 1000) / 1000.0;
        }
        flat.put(key, v);
        String[] parts = key.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> child =
                    (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            node = child;
        }
        node.put(parts[parts.length - 1], v);
        return this;
    }

    public synchronized Object get(String key) {
        return flat.get(key);
    }

    /** A figure as a number, or NaN when absent. */
    public synchronized double number(String key) {
        return flat.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public synchronized Map<String, Object> tree() {
        return root;
    }

    public synchronized Map<String, Object> flat() {
        return new LinkedHashMap<>(flat);
    }
}
