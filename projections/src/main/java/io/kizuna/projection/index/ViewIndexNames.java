package io.kizuna.projection.index;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * An index of the view's current version: generation 1 is {@code <alias>-v<version>}, each rebuild makes the next
     * one next to it ({@code <alias>-v<version>-g2}, ...), which the template's pattern {@code <alias>-v*} matches too.
     */
    public String generation(ViewIndex view, int generation) {
        return generation <= 1 ? currentIndex(view) : currentIndex(view) + "-g" + generation;
    }

    /** The generation of {@code index} if it is an index of the view's current version, else empty. */
    public OptionalInt generationOf(ViewIndex view, String index) {
        Matcher matcher = Pattern.compile(Pattern.quote(currentIndex(view)) + "(?:-g([1-9][0-9]{0,8}))?")
                .matcher(index);
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(matcher.group(1) == null ? 1 : Integer.parseInt(matcher.group(1)));
    }

    String templateName(ViewIndex view) {
        return alias(view) + "-template";
    }

    /** Every index of the view, of any version and generation. */
    public String indexPattern(ViewIndex view) {
        return alias(view) + "-v*";
    }
}
