package io.kizuna.projection.index;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names of the view aliases and indices, all under one configurable prefix ({@code kizuna.elasticsearch.index-prefix},
 * default {@code kizuna-}) so that several installations or test runs can share one cluster.
 */
@Component
public class ViewIndexNames {

    private final String prefix;

    public ViewIndexNames(@Value("${kizuna.elasticsearch.index-prefix:kizuna-}") String prefix) {
        if (!prefix.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "kizuna.elasticsearch.index-prefix must be lower case letters, digits, '_', '.', '-': " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The alias every reader and writer of the view uses. */
    public String alias(ViewIndex view) {
        return prefix + view.viewName();
    }

    public String index(ViewIndex view, int version) {
        return alias(view) + "-v" + version;
    }

    public String currentIndex(ViewIndex view) {
        return index(view, view.version());
    }

    String templateName(ViewIndex view) {
        return alias(view) + "-template";
    }

    String indexPattern(ViewIndex view) {
        return alias(view) + "-v*";
    }
}
