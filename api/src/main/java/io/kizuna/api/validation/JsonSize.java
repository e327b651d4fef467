package io.kizuna.api.validation;

import java.util.Collection;
import java.util.Map;

/** Measures free-form JSON-like values (maps, lists, scalars) so that limits on them can be enforced. */
public final class JsonSize {

    private JsonSize() {}

    /** Approximate size in characters as JSON, or -1 when nested deeper than {@code maxDepth}. */
    public static int measure(Object value, int maxDepth) {
        return measure(value, 1, maxDepth);
    }

    private static int measure(Object value, int depth, int maxDepth) {
        if (depth > maxDepth) {
            return -1;
        }
        if (value instanceof Map<?, ?> map) {
            int total = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                int inner = measure(e.getValue(), depth + 1, maxDepth);
                if (inner < 0) {
                    return -1;
                }
                total += String.valueOf(e.getKey()).length() + 4 + inner;
            }
            return total;
        }
        if (value instanceof Collection<?> list) {
            int total = 2;
            for (Object item : list) {
                int inner = measure(item, depth + 1, maxDepth);
                if (inner < 0) {
                    return -1;
                }
                total += inner + 1;
            }
            return total;
        }
        return value == null ? 4 : String.valueOf(value).length() + 2;
    }
}
