package io.kizuna.command.journey;

import io.kizuna.api.journey.AllowedTransition;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.PropertyCondition;
import io.kizuna.api.journey.TouchpointCondition;
import io.kizuna.api.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a journey model definition before it is stored and reports every fault at once, each with its field path
 * relative to the definition ({@code stages[2].id}, {@code rules[1].when.types[0]}). A definition it accepts can be
 * evaluated without surprises: every stage can be entered, every rule can fire, and no two rules send the same
 * touchpoint to different stages.
 */
public final class JourneyModelValidator {

    public static final int MAX_LABEL_LENGTH = 200;
    public static final int MIN_STAGES = 2;
    public static final int MAX_STAGES = 30;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /** Every distinct move among {@value #MAX_STAGES} stages, including entering each one first. */
    public static final int MAX_TRANSITIONS = MAX_STAGES * MAX_STAGES;

    public static final int MAX_RULES = 200;
    public static final int MAX_INACTIVITY_RULES = 50;
    public static final int MAX_CAMPAIGN_LENGTH = 200;
    public static final int MAX_COUNT_AT_LEAST = 1000;
    public static final Duration MIN_INACTIVITY = Duration.ofSeconds(1);
    public static final Duration MAX_INACTIVITY = Duration.ofDays(3650);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String NAME_RULE =
            "must be lower snake case (a-z, 0-9 and _, starting with a letter, at" + " most 64 characters)";

    private JourneyModelValidator() {}

    /** Every fault of the definition on its own; empty when it may be stored. */
    public static List<Violation> validate(JourneyModelDefinition d) {
        List<Violation> violations = new ArrayList<>();
        if (d == null) {
            violations.add(new Violation("", "a journey model definition is required"));
            return violations;
        }
        checkName("id", d.id(), "the model id", "four_stage", violations);
        checkLabels("labels", d.labels(), "the model", violations);
        if (!withinLimits(d, violations)) {
            // checked no further: the limits keep the work below (pairwise comparisons) bounded
            return violations;
        }
        Set<String> stageIds = checkStages(d.stages(), violations);
        checkTransitions(d.transitions(), stageIds, violations);
        checkRules(d.rules(), stageIds, violations);
        checkInactivityRules(d.inactivityRules(), stageIds, violations);
        checkReachability(d, stageIds, violations);
        return violations;
    }

    /**
     * Every fault of the definition, and of storing it in {@code catalog}. Redefining a model (built-in ones
     * included) is allowed; taking the default flag from the current default is not, as the catalog must always
     * have one: another model has to claim it instead.
     */
    public static List<Violation> validate(JourneyModelDefinition d, JourneyCatalog catalog) {
        List<Violation> violations = validate(d);
        if (d != null && d.id() != null && !d.isDefault() && catalog.isDefault(d.id())) {
            violations.add(new Violation(
                    "isDefault",
                    "model '" + d.id() + "' is the default; make another model the default first, then redefine"
                            + " this one with isDefault false"));
        }
        return violations;
    }

    private static boolean withinLimits(JourneyModelDefinition d, List<Violation> violations) {
        int before = violations.size();
        if (d.stages().size() > MAX_STAGES) {
            violations.add(new Violation(
                    "stages",
                    "a model has at most " + MAX_STAGES + " stages; got "
                            + d.stages().size()));
        }
        if (d.transitions().size() > MAX_TRANSITIONS) {
            violations.add(new Violation(
                    "transitions",
                    "a model has at most " + MAX_TRANSITIONS + " transitions; got "
                            + d.transitions().size()));
        }
        if (d.rules().size() > MAX_RULES) {
            violations.add(new Violation(
                    "rules",
                    "a model has at most " + MAX_RULES + " rules; got "
                            + d.rules().size()));
        }
        if (d.inactivityRules().size() > MAX_INACTIVITY_RULES) {
            violations.add(new Violation(
                    "inactivityRules",
                    "a model has at most " + MAX_INACTIVITY_RULES + " inactivity rules; got "
                            + d.inactivityRules().size()));
        }
        return violations.size() == before;
    }

    /** Checks the stages; answers the ids that are valid, each once, for the checks that refer to stages. */
    private static Set<String> checkStages(List<JourneyStageDefinition> stages, List<Violation> violations) {
        if (stages.size() < MIN_STAGES) {
            violations.add(
                    new Violation("stages", "a model needs at least " + MIN_STAGES + " stages; got " + stages.size()));
        }
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            JourneyStageDefinition stage = stages.get(i);
            String path = "stages[" + i + "]";
            if (checkName(path + ".id", stage.id(), "a stage id", "awareness", violations)) {
                Integer earlier = firstIndex.putIfAbsent(stage.id(), i);
                if (earlier != null) {
                    violations.add(new Violation(
                            path + ".id",
                            "stage id '" + stage.id() + "' is already used by stages[" + earlier
                                    + "]; stage ids must be unique within a model"));
                }
            }
            checkLabels(path + ".labels", stage.labels(), "stage '" + stage.id() + "'", violations);
            if (stage.description() != null && stage.description().length() > MAX_DESCRIPTION_LENGTH) {
                violations.add(new Violation(
                        path + ".description",
                        "description is " + stage.description().length() + " characters long; at most "
                                + MAX_DESCRIPTION_LENGTH + " are allowed"));
            }
        }
        return firstIndex.keySet();
    }

    private static void checkTransitions(
            List<AllowedTransition> transitions, Set<String> stageIds, List<Violation> violations) {
        Map<AllowedTransition, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < transitions.size(); i++) {
            AllowedTransition t = transitions.get(i);
            String path = "transitions[" + i + "]";
            if (t.from() != null && !stageIds.contains(t.from())) {
                violations.add(new Violation(
                        path + ".from",
                        unknownStage(t.from(), stageIds) + "; or leave from empty to allow entering '" + t.to()
                                + "' as a first stage"));
            }
            if (t.to() == null) {
                violations.add(new Violation(path + ".to", "to is required: the stage this move leads to"));
            } else if (!stageIds.contains(t.to())) {
                violations.add(new Violation(path + ".to", unknownStage(t.to(), stageIds)));
            }
            if (t.to() != null && t.to().equals(t.from())) {
                violations.add(
                        new Violation(path, "a move from '" + t.from() + "' to itself is not a transition; remove it"));
            }
            Integer earlier = firstIndex.putIfAbsent(t, i);
            if (earlier != null) {
                violations.add(new Violation(
                        path,
                        "the move from " + describeFrom(t.from()) + " to '" + t.to() + "' is already allowed by"
                                + " transitions[" + earlier + "]; remove one"));
            }
        }
    }

    private static void checkRules(List<EntryRule> rules, Set<String> stageIds, List<Violation> violations) {
        if (rules.isEmpty()) {
            violations.add(new Violation(
                    "rules", "a model needs at least one entry rule: without one no customer ever enters a stage"));
        }
        for (int i = 0; i < rules.size(); i++) {
            EntryRule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (rule.enter() == null) {
                violations.add(new Violation(path + ".enter", "enter is required: the stage the rule moves to"));
            } else if (!stageIds.contains(rule.enter())) {
                violations.add(new Violation(path + ".enter", unknownStage(rule.enter(), stageIds)));
            }
            if (rule.when() == null) {
                violations.add(new Violation(
                        path + ".when",
                        "when is required: the touchpoints the rule reacts to (give touchpoint types, for"
                                + " example; an empty condition matches every touchpoint)"));
            } else {
                checkCondition(path + ".when", rule.when(), violations);
            }
            for (int j = 0; j < i; j++) {
                EntryRule earlier = rules.get(j);
                if (rule.when() != null
                        && earlier.when() != null
                        && sameMeaning(rule.when(), earlier.when())
                        && !Objects.equals(earlier.enter(), rule.enter())) {
                    violations.add(new Violation(
                            path,
                            "this rule has the same condition as rules[" + j + "] but enters '" + rule.enter()
                                    + "' where rules[" + j + "] enters '" + earlier.enter()
                                    + "'; a touchpoint cannot enter both: remove one or make the conditions"
                                    + " differ"));
                    break;
                }
            }
        }
    }

    /**
     * Whether two conditions match the same touchpoints: lists compared as sets, amounts by value, a count of 1 the
     * same as none.
     */
    static boolean sameMeaning(TouchpointCondition a, TouchpointCondition b) {
        return new HashSet<>(a.types()).equals(new HashSet<>(b.types()))
                && new HashSet<>(a.channels()).equals(new HashSet<>(b.channels()))
                && new HashSet<>(a.campaigns()).equals(new HashSet<>(b.campaigns()))
                && new HashSet<>(a.properties()).equals(new HashSet<>(b.properties()))
                && sameAmount(a.minValue(), b.minValue())
                && sameAmount(a.maxValue(), b.maxValue())
                && Objects.equals(a.currency(), b.currency())
                && countOf(a) == countOf(b);
    }

    private static boolean sameAmount(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static int countOf(TouchpointCondition c) {
        return c.countAtLeast() == null ? 1 : c.countAtLeast();
    }

    private static void checkCondition(String path, TouchpointCondition when, List<Violation> violations) {
        for (int k = 0; k < when.types().size(); k++) {
            checkName(path + ".types[" + k + "]", when.types().get(k), "a touchpoint type", "purchase", violations);
        }
        for (int k = 0; k < when.channels().size(); k++) {
            checkName(path + ".channels[" + k + "]", when.channels().get(k), "a channel", "web", violations);
        }
        for (int k = 0; k < when.campaigns().size(); k++) {
            String campaign = when.campaigns().get(k);
            if (campaign.isBlank() || campaign.length() > MAX_CAMPAIGN_LENGTH) {
                violations.add(new Violation(
                        path + ".campaigns[" + k + "]",
                        "a campaign must be 1 to " + MAX_CAMPAIGN_LENGTH + " characters and not blank; got '"
                                + abbreviate(campaign) + "'"));
            }
        }
        for (int k = 0; k < when.properties().size(); k++) {
            checkProperty(path + ".properties[" + k + "]", when.properties().get(k), violations);
        }
        if (when.minValue() != null
                && when.maxValue() != null
                && when.minValue().compareTo(when.maxValue()) > 0) {
            violations.add(new Violation(
                    path + ".minValue",
                    "minValue " + when.minValue().toPlainString() + " is greater than maxValue "
                            + when.maxValue().toPlainString() + "; no touchpoint could match"));
        }
        if (when.currency() != null) {
            if (!isIsoCurrency(when.currency())) {
                violations.add(new Violation(
                        path + ".currency",
                        "currency must be an ISO 4217 code such as JPY or USD; got '" + when.currency() + "'"));
            }
            if (when.minValue() == null && when.maxValue() == null) {
                violations.add(new Violation(
                        path + ".currency",
                        "currency " + when.currency() + " only applies to a value test: give minValue or"
                                + " maxValue, or leave currency out"));
            }
        }
        Integer count = when.countAtLeast();
        if (count != null && (count < 1 || count > MAX_COUNT_AT_LEAST)) {
            violations.add(new Violation(
                    path + ".countAtLeast",
                    "countAtLeast must be between 1 and " + MAX_COUNT_AT_LEAST + "; got " + count));
        }
    }

    private static void checkProperty(String path, PropertyCondition property, List<Violation> violations) {
        if (property.name() == null || property.name().isBlank()) {
            violations.add(new Violation(path + ".name", "name is required: the touchpoint property to test"));
        }
        List<String> given = new ArrayList<>();
        if (property.equals() != null) {
            given.add("equals");
        }
        if (!property.anyOf().isEmpty()) {
            given.add("anyOf");
        }
        if (property.exists() != null) {
            given.add("exists");
        }
        if (given.size() != 1) {
            violations.add(new Violation(
                    path,
                    "give exactly one of equals, anyOf (with at least one value) or exists for property '"
                            + property.name() + "'; got " + (given.isEmpty() ? "none" : String.join(" and ", given))));
        }
    }

    private static void checkInactivityRules(
            List<InactivityRule> rules, Set<String> stageIds, List<Violation> violations) {
        List<Set<String>> typeSets = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            InactivityRule rule = rules.get(i);
            String path = "inactivityRules[" + i + "]";
            if (rule.in() == null) {
                violations.add(new Violation(path + ".in", "in is required: the stage the rule watches"));
            } else if (!stageIds.contains(rule.in())) {
                violations.add(new Violation(path + ".in", unknownStage(rule.in(), stageIds)));
            }
            if (rule.enter() == null) {
                violations.add(new Violation(path + ".enter", "enter is required: the stage the rule moves to"));
            } else if (!stageIds.contains(rule.enter())) {
                violations.add(new Violation(path + ".enter", unknownStage(rule.enter(), stageIds)));
            } else if (rule.enter().equals(rule.in())) {
                violations.add(new Violation(
                        path + ".enter",
                        "the rule watches stage '" + rule.in() + "' and enters it again; name another stage to"
                                + " move inactive customers to"));
            }
            if (rule.inactiveFor() == null) {
                violations.add(new Violation(
                        path + ".inactiveFor", "inactiveFor is required: how long without a touchpoint, e.g. P90D"));
            } else if (rule.inactiveFor().compareTo(MIN_INACTIVITY) < 0
                    || rule.inactiveFor().compareTo(MAX_INACTIVITY) > 0) {
                violations.add(new Violation(
                        path + ".inactiveFor",
                        "inactiveFor must be between 1 second and " + MAX_INACTIVITY.toDays() + " days; got "
                                + rule.inactiveFor()));
            }
            for (int k = 0; k < rule.touchpointTypes().size(); k++) {
                checkName(
                        path + ".touchpointTypes[" + k + "]",
                        rule.touchpointTypes().get(k),
                        "a touchpoint type",
                        "purchase",
                        violations);
            }
            Set<String> types = new HashSet<>(rule.touchpointTypes());
            typeSets.add(types);
            for (int j = 0; j < i; j++) {
                // empty = any type: it overlaps every other set
                if (rule.in() != null
                        && rule.in().equals(rules.get(j).in())
                        && !Objects.equals(rule.enter(), rules.get(j).enter())
                        && (types.isEmpty()
                                || typeSets.get(j).isEmpty()
                                || !java.util.Collections.disjoint(typeSets.get(j), types))) {
                    violations.add(new Violation(
                            path,
                            "this rule watches stage '" + rule.in() + "' for touchpoint types that overlap those of"
                                    + " inactivityRules[" + j + "] but sends inactive customers elsewhere; only one"
                                    + " can decide where an inactive customer goes: remove one or make the types"
                                    + " disjoint"));
                    break;
                }
            }
        }
    }

    /**
     * Walks the moves that can actually happen, starting from "no stage yet": a move the model allows into a stage
     * some entry rule enters, or an inactivity rule's move. Stages not reached can never hold a customer, and rules
     * into them never fire. Parts already reported as faulty are left out of the walk.
     */
    private static void checkReachability(JourneyModelDefinition d, Set<String> stageIds, List<Violation> violations) {
        if (d.rules().isEmpty()) {
            return;
        }
        List<AllowedTransition> transitions = d.transitions().stream()
                .filter(t -> (t.from() == null || stageIds.contains(t.from())) && stageIds.contains(t.to()))
                .toList();
        List<InactivityRule> inactivity = d.inactivityRules().stream()
                .filter(r -> stageIds.contains(r.in()) && stageIds.contains(r.enter()))
                .toList();
        List<JourneyStageDefinition> stages =
                d.stages().stream().filter(s -> s.id() != null).toList();
        JourneyModelDefinition known = new JourneyModelDefinition(
                d.id(), d.labels(), stages, transitions, d.rules(), inactivity, d.isDefault(), d.perAccount());
        Set<String> ruleTargets = new HashSet<>();
        for (EntryRule rule : d.rules()) {
            if (stageIds.contains(rule.enter())) {
                ruleTargets.add(rule.enter());
            }
        }

        Set<String> reached = new LinkedHashSet<>();
        List<String> toVisit = new ArrayList<>();
        toVisit.add(null);
        while (!toVisit.isEmpty()) {
            String from = toVisit.remove(toVisit.size() - 1);
            for (String to : stageIds) {
                if (!reached.contains(to)
                        && known.allows(from, to)
                        && (ruleTargets.contains(to) || hasInactivityMove(inactivity, from, to))) {
                    reached.add(to);
                    toVisit.add(to);
                }
            }
        }

        Set<String> reported = new HashSet<>();
        for (int i = 0; i < d.stages().size(); i++) {
            String id = d.stages().get(i).id();
            if (stageIds.contains(id) && !reached.contains(id) && reported.add(id)) {
                violations.add(new Violation(
                        "stages[" + i + "]",
                        "stage '" + id + "' cannot be reached: no transition or rule leads to it"));
            }
        }
        for (int i = 0; i < d.rules().size(); i++) {
            String enter = d.rules().get(i).enter();
            if (stageIds.contains(enter) && !reached.contains(enter)) {
                violations.add(new Violation(
                        "rules[" + i + "].enter",
                        "the rule can never fire: no allowed move leads into stage '" + enter
                                + "' from a stage a customer can be in; add a transition into '" + enter + "'"));
            }
        }
    }

    private static boolean hasInactivityMove(List<InactivityRule> inactivity, String from, String to) {
        return inactivity.stream()
                .anyMatch(r -> r.in().equals(from) && r.enter().equals(to));
    }

    /** Adds a violation unless {@code value} is a lower snake case name; answers whether it is one. */
    private static boolean checkName(
            String field, String value, String what, String example, List<Violation> violations) {
        if (value != null && NAME.matcher(value).matches()) {
            return true;
        }
        String message;
        if (value == null) {
            message = what + " is required, e.g. " + example;
        } else {
            message = what + " " + NAME_RULE + ", e.g. " + example + "; got '" + abbreviate(value) + "'";
            String suggestion = value.strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_+|_+$", "");
            if (NAME.matcher(suggestion).matches()) {
                message += " (did you mean '" + suggestion + "'?)";
            }
        }
        violations.add(new Violation(field, message));
        return false;
    }

    private static void checkLabels(String path, LocalizedText labels, String owner, List<Violation> violations) {
        if (labels == null) {
            violations.add(new Violation(path, "labels are required: the name of " + owner + " in en and ja"));
            return;
        }
        checkLabel(path + ".en", labels.en(), "English", owner, violations);
        checkLabel(path + ".ja", labels.ja(), "Japanese", owner, violations);
    }

    private static void checkLabel(
            String field, String label, String language, String owner, List<Violation> violations) {
        if (label == null || label.isBlank()) {
            violations.add(new Violation(field, "the " + language + " name of " + owner + " is required"));
        } else if (label.length() > MAX_LABEL_LENGTH) {
            violations.add(new Violation(
                    field,
                    "the " + language + " name of " + owner + " is " + label.length() + " characters long; at most "
                            + MAX_LABEL_LENGTH + " are allowed"));
        }
    }

    private static String unknownStage(String stage, Set<String> stageIds) {
        return "no stage '" + abbreviate(stage) + "' in this model; the stages are " + String.join(", ", stageIds);
    }

    private static String describeFrom(String from) {
        return from == null ? "no stage" : "'" + from + "'";
    }

    private static boolean isIsoCurrency(String code) {
        if (code.length() != 3 || !code.equals(code.toUpperCase(Locale.ROOT))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
