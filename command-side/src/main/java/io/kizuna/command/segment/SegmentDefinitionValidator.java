package io.kizuna.command.segment;

import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a segment definition against the catalog and writes it in its canonical form: an id (from the name when none
 * is given), the name and description trimmed, the rule in its canonical text form. Fields are named as in the
 * definition ({@code id}, {@code name}, {@code description}, {@code rule}); every problem is reported at once.
 *
 * <p>A rule may refer only to segments that exist, and never to itself, directly or through others: the catalog has
 * no cycle, so a new cycle has to run through the segment being defined, and that is the only place looked at.
 */
final class SegmentDefinitionValidator {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 1000;

    private SegmentDefinitionValidator() {}

    /** The definition in canonical form; throws {@link InvalidInputException} listing every problem. */
    static SegmentDefinition canonical(SegmentDefinition input, SegmentCatalog catalog) {
        List<Violation> violations = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(new Violation("name", "a name is 1 to " + MAX_NAME + " characters"));
        }
        String id = input.id() == null || input.id().isBlank()
                ? (name.isEmpty() ? null : SegmentIds.fromName(name))
                : input.id().strip();
        if (id != null && !SegmentIds.isValid(id)) {
            violations.add(new Violation(
                    "id",
                    "'" + id + "' is not a segment id: it must be lower snake case (a-z, 0-9, _; starting with a"
                            + " letter; at most " + SegmentIds.MAX_LENGTH + " characters), e.g. frequent_buyers"));
        }
        String description = input.description() == null || input.description().isBlank()
                ? null
                : input.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", "a description is at most " + MAX_DESCRIPTION + " characters"));
        }
        String rule = null;
        try {
            SegmentRule parsed = SegmentRules.parse(input.rule());
            rule = SegmentRules.toText(parsed);
            if (id != null && SegmentIds.isValid(id)) {
                violations.addAll(references(id, parsed, catalog));
            }
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new SegmentDefinition(id, name, description, rule);
    }

    /** Segments referred to that do not exist, and a cycle through {@code id} if the rule would make one. */
    private static List<Violation> references(String id, SegmentRule rule, SegmentCatalog catalog) {
        List<Violation> violations = new ArrayList<>();
        Set<String> referenced = SegmentRules.referencedSegments(rule);
        for (String other : referenced) {
            if (!other.equals(id) && catalog.latest(other).isEmpty()) {
                violations.add(new Violation(
                        SegmentRules.FIELD,
                        "segment(" + other + "): there is no segment " + other + "; define it first"));
            }
        }
        List<String> cycle = cycle(id, referenced, catalog);
        if (!cycle.isEmpty()) {
            violations.add(new Violation(
                    SegmentRules.FIELD,
                    "segment(" + cycle.get(1) + ") makes a cycle: " + String.join(" → ", cycle)
                            + "; a segment may not refer to itself, even through others"));
        }
        return violations;
    }

    /** The path {@code id → ... → id} the new rule would close, or empty; depth-first, in order of reference. */
    static List<String> cycle(String id, Set<String> referenced, SegmentCatalog catalog) {
        Map<String, Set<String>> graph = new HashMap<>();
        for (Segment segment : catalog.segments()) {
            graph.put(segment.id(), referencesOf(segment));
        }
        graph.put(id, referenced);
        Deque<String> path = new ArrayDeque<>();
        path.addLast(id);
        return search(id, id, graph, path, new HashSet<>()) ? List.copyOf(path) : List.of();
    }

    private static boolean search(
            String target, String at, Map<String, Set<String>> graph, Deque<String> path, Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            path.addLast(next);
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && search(target, next, graph, path, seen)) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }

    /** The segments a stored segment's rule refers to (stored rules are canonical and valid). */
    static Set<String> referencesOf(Segment segment) {
        try {
            return SegmentRules.referencedSegments(
                    SegmentRules.parse(segment.definition().rule()));
        } catch (InvalidInputException e) {
            return Set.of();
        }
    }
}
