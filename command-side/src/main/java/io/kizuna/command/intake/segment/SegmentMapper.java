package io.kizuna.command.intake.segment;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one Segment call into an intake message, as README.md "Sending data from Segment libraries" tables it:
 * track, page, screen and group become touchpoints; identify becomes trait changes and identifiers; alias only
 * links identifiers. Segment's own fields (times, context, event or page name, source) are kept with a touchpoint
 * under {@code properties._segment}. Any call may carry the customer's consent in
 * {@code context.consent.categoryPreferences} (category: true or false), which becomes consent answers for every
 * channel, purpose = the category in lower snake case, dated at the call's business time.
 */
public final class SegmentMapper {

    public static final String WEB_VISIT = "web_visit";
    public static final String APP_SCREEN_VIEW = "app_screen_view";
    public static final String GROUP_JOINED = "group_joined";
    public static final String DEFAULT_CURRENCY = "USD";
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final List<String> VALUE_PROPERTIES = List.of("revenue", "total", "value");
    private static final List<String> PAGE_FIELDS = List.of("name", "url", "referrer", "path", "title", "search");

    private final EventTypes eventTypes;
    private final String defaultChannel;
    private final JsonMapper json;

    public SegmentMapper(EventTypes eventTypes, String defaultChannel, JsonMapper json) {
        if (defaultChannel == null || !CHANNEL.matcher(defaultChannel).matches()) {
            throw new IllegalArgumentException(
                    "kizuna.intake.segment.default-channel must be lower snake case, got '" + defaultChannel + "'");
        }
        this.eventTypes = eventTypes;
        this.defaultChannel = defaultChannel;
        this.json = json;
    }

    /**
     * A call as an intake message, and how the intake's field names map back to the call's own (so that an error
     * found by the intake, say in {@code identifiers[1].value}, names {@code anonymousId}).
     */
    public record Mapped(IntakeMessage message, Map<String, String> fieldNames) {

        /** The call's own name for an intake field ({@code value.currency}), or the intake's name if none. */
        public String segmentField(String intakeField) {
            String best = null;
            for (String known : fieldNames.keySet()) {
                boolean matches = intakeField.equals(known)
                        || intakeField.startsWith(known + ".")
                        || intakeField.startsWith(known + "[");
                if (matches && (best == null || known.length() > best.length())) {
                    best = known;
                }
            }
            return best == null ? intakeField : fieldNames.get(best) + intakeField.substring(best.length());
        }
    }

    /**
     * @param sourceId the source whose write key the call came with
     * @param receivedAt when the request arrived (our clock)
     * @throws InvalidInputException naming the call's fields at fault
     */
    public Mapped map(SegmentCall call, String sourceId, Instant receivedAt) {
        ObjectNode m = call.message();
        List<Violation> violations = new ArrayList<>();
        Map<String, String> fieldNames = new LinkedHashMap<>();

        String messageId = scalar(m, "messageId", call, violations);
        if (messageId == null && violations.isEmpty()) {
            violations.add(new Violation(
                    call.field("messageId"),
                    "messageId is required: Kizuna deduplicates by it (Segment libraries always send one)"));
        }
        fieldNames.put("messageId", "messageId");

        List<IdentifierRef> identifiers = new ArrayList<>();
        int before = violations.size();
        String userId = scalar(m, "userId", call, violations);
        String anonymousId = scalar(m, "anonymousId", call, violations);
        if (userId == null && anonymousId == null && violations.size() == before) {
            violations.add(new Violation(call.field("userId"), "give userId or anonymousId (or both)"));
        }
        addIdentifier(identifiers, fieldNames, "userId", userId, "userId");
        addIdentifier(identifiers, fieldNames, "anonymousId", anonymousId, "anonymousId");

        SegmentTimes times = new SegmentTimes(
                time(m, "originalTimestamp", call, violations),
                time(m, "sentAt", call, violations),
                time(m, "timestamp", call, violations),
                receivedAt);
        JsonNode context = m.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            violations.add(new Violation(call.field("context"), "context must be a JSON object"));
            context = null;
        }

        Touchpoint touchpoint = null;
        Map<String, Object> traits = null;
        switch (call.type()) {
            case "track" -> {
                String event = text(m.get("event"));
                if (event == null || event.isBlank()) {
                    violations.add(new Violation(call.field("event"), "a track call needs its event name"));
                    event = null;
                }
                Map<String, Object> properties = object(m, "properties", call, violations);
                fieldNames.put("type", "event");
                fieldNames.put("value.amount", "properties.revenue");
                fieldNames.put("value.currency", "properties.currency");
                if (event != null && messageId != null) {
                    touchpoint = touchpoint(
                            messageId,
                            eventTypes.typeOf(event),
                            call,
                            context,
                            times,
                            value(properties),
                            properties,
                            segment(call, sourceId, times, context, "event", event));
                }
            }
            case "page", "screen" -> {
                Map<String, Object> properties = object(m, "properties", call, violations);
                String name = text(m.get("name"));
                if (name != null) {
                    properties.putIfAbsent("name", name);
                }
                if (call.type().equals("page") && context != null && context.get("page") instanceof ObjectNode page) {
                    for (String field : PAGE_FIELDS) {
                        JsonNode pageValue = page.get(field);
                        if (pageValue != null && !pageValue.isNull() && !properties.containsKey(field)) {
                            properties.put(field, json.treeToValue(pageValue, Object.class));
                        }
                    }
                }
                String type = call.type().equals("page") ? WEB_VISIT : APP_SCREEN_VIEW;
                if (messageId != null) {
                    touchpoint = touchpoint(
                            messageId,
                            type,
                            call,
                            context,
                            times,
                            null,
                            properties,
                            segment(call, sourceId, times, context, "name", name));
                }
            }
            case "group" -> {
                String groupId = scalar(m, "groupId", call, violations);
                if (groupId == null) {
                    violations.add(new Violation(call.field("groupId"), "a group call needs its groupId"));
                }
                Map<String, Object> groupTraits = object(m, "traits", call, violations);
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("groupId", groupId);
                properties.put("traits", groupTraits);
                fieldNames.put("properties.traits", "traits");
                if (messageId != null && groupId != null) {
                    touchpoint = touchpoint(
                            messageId,
                            GROUP_JOINED,
                            call,
                            context,
                            times,
                            null,
                            properties,
                            segment(call, sourceId, times, context, "groupId", groupId));
                }
            }
            case "identify" -> {
                traits = object(m, "traits", call, violations);
                fieldNames.put("traits", "traits");
                addTraitIdentifier(identifiers, fieldNames, "email", traits.get("email"));
                addTraitIdentifier(identifiers, fieldNames, "phone", traits.get("phone"));
                if (traits.isEmpty()) {
                    traits = null; // an identify without traits only links its identifiers
                }
            }
            case "alias" -> {
                String previousId = scalar(m, "previousId", call, violations);
                if (previousId == null) {
                    violations.add(new Violation(call.field("previousId"), "an alias call needs its previousId"));
                }
                addIdentifier(identifiers, fieldNames, "anonymousId", previousId, "previousId");
            }
            default -> violations.add(new Violation(call.field("type"), "unknown call type " + call.type()));
        }
        List<ConsentChange> consent = consent(context, call, messageId, times, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (touchpoint != null) {
            fieldNames.put("occurredAt", "timestamp");
            fieldNames.put("channel", "context.channel");
            fieldNames.put("campaign", "context.campaign.name");
            fieldNames.putIfAbsent("properties", "properties");
        }
        return new Mapped(
                new IntakeMessage(messageId, List.copyOf(identifiers), touchpoint, traits, consent), fieldNames);
    }

    /**
     * Segment's consent object ({@code context.consent.categoryPreferences}, as consent management tools send it):
     * each category a consent answer for every channel; {@code true} gives, {@code false} withdraws. The category
     * becomes the purpose in lower snake case ({@code Advertising} → {@code advertising}, {@code DataSharing} →
     * {@code data_sharing}). Calls resend their preferences each time: the customer records only what changes.
     */
    private static List<ConsentChange> consent(
            JsonNode context, SegmentCall call, String messageId, SegmentTimes times, List<Violation> violations) {
        JsonNode consent = context == null ? null : context.get("consent");
        if (consent == null || consent.isNull()) {
            return List.of();
        }
        String field = call.field("context.consent");
        if (!consent.isObject()) {
            violations.add(new Violation(field, "context.consent must be a JSON object"));
            return List.of();
        }
        JsonNode preferences = consent.get("categoryPreferences");
        if (preferences == null || preferences.isNull()) {
            return List.of();
        }
        if (!preferences.isObject()) {
            violations.add(new Violation(
                    field + ".categoryPreferences",
                    "categoryPreferences must be a JSON object of category names and true or false"));
            return List.of();
        }
        List<ConsentChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : preferences.properties()) {
            String at = field + ".categoryPreferences." + entry.getKey();
            String purpose = EventTypes.snakeCase(entry.getKey());
            if (purpose == null || !Consents.NAME.matcher(purpose).matches()) {
                violations.add(new Violation(
                        at,
                        "'" + entry.getKey() + "' cannot be a consent purpose: name categories with Latin letters and"
                                + " digits, starting with a letter (at most 64)"));
            } else if (!entry.getValue().isBoolean()) {
                violations.add(new Violation(at, "a category preference must be true or false"));
            } else {
                changes.add(new ConsentChange(
                        purpose, null, entry.getValue().booleanValue(), times.occurredAt(), messageId));
            }
        }
        return changes;
    }

    private Touchpoint touchpoint(
            String messageId,
            String type,
            SegmentCall call,
            JsonNode context,
            SegmentTimes times,
            Money value,
            Map<String, Object> properties,
            Map<String, Object> segment) {
        properties.put("_segment", segment);
        return new Touchpoint(
                messageId, type, channel(call, context), times.occurredAt(), campaign(context), value, properties);
    }

    /** Segment's own fields of the call, kept with the touchpoint: raw times, merged context, source. */
    private Map<String, Object> segment(
            SegmentCall call, String sourceId, SegmentTimes times, JsonNode context, String name, String value) {
        ObjectNode m = call.message();
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("type", call.type());
        if (value != null) {
            segment.put(name, value);
        }
        segment.put("originalTimestamp", text(m.get("originalTimestamp")));
        segment.put("sentAt", text(m.get("sentAt")));
        segment.put("receivedAt", times.receivedAt().toString());
        segment.put("timestamp", text(m.get("timestamp")));
        segment.put("sourceId", sourceId);
        if (context != null) {
            segment.put("context", json.treeToValue(context, Object.class));
        }
        return segment;
    }

    /**
     * Where the touchpoint happened: {@code context.channel} when it reads as lower snake case (an integrator's own
     * word, e.g. {@code store}); else {@code web} for pages, {@code mobile_app} for screens; else from Segment's
     * {@code channel} ({@code browser}, {@code mobile}), the library that sent it, or the presence of
     * {@code context.page} or {@code context.app}; else the configured default ({@code server}).
     */
    String channel(SegmentCall call, JsonNode context) {
        String explicit = context == null ? null : EventTypes.snakeCase(text(context.get("channel")));
        if (explicit != null && CHANNEL.matcher(explicit).matches()) {
            return explicit;
        }
        if (call.type().equals("page")) {
            return "web";
        }
        if (call.type().equals("screen")) {
            return "mobile_app";
        }
        String segmentChannel = text(call.message().get("channel"));
        if ("browser".equals(segmentChannel)) {
            return "web";
        }
        if ("mobile".equals(segmentChannel)) {
            return "mobile_app";
        }
        if (context != null) {
            String library = context.get("library") == null
                    ? null
                    : text(context.get("library").get("name"));
            if (library != null) {
                if (library.startsWith("analytics.js") || library.startsWith("analytics-next")) {
                    return "web";
                }
                if (library.matches("analytics-(ios|android|react-native|flutter|kotlin-android|swift).*")) {
                    return "mobile_app";
                }
            }
            if (context.get("page") != null && context.get("page").isObject()) {
                return "web";
            }
            if (context.get("app") != null && context.get("app").isObject()) {
                return "mobile_app";
            }
        }
        return defaultChannel;
    }

    /** {@code context.campaign.name} (utm_campaign), at most 200 characters; the raw context is kept anyway. */
    private static String campaign(JsonNode context) {
        if (context == null || context.get("campaign") == null) {
            return null;
        }
        String name = text(context.get("campaign").get("name"));
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        return trimmed.length() > Touchpoint.MAX_CAMPAIGN_LENGTH
                ? trimmed.substring(0, Touchpoint.MAX_CAMPAIGN_LENGTH)
                : trimmed;
    }

    /**
     * The first of {@code properties.revenue}, {@code total}, {@code value} that is a number (or a numeric string),
     * in {@code properties.currency} (upper-cased; USD when absent, as Segment assumes), rounded to six decimals
     * (binary floating point sends 0.30000000000000004).
     */
    static Money value(Map<String, Object> properties) {
        for (String name : VALUE_PROPERTIES) {
            BigDecimal amount = decimal(properties.get(name));
            if (amount != null) {
                Object currency = properties.get("currency");
                String code = currency instanceof String s && !s.isBlank()
                        ? s.strip().toUpperCase(java.util.Locale.ROOT)
                        : DEFAULT_CURRENCY;
                BigDecimal exact = amount.stripTrailingZeros();
                if (exact.scale() > Money.MAX_SCALE) {
                    exact = exact.setScale(Money.MAX_SCALE, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros();
                }
                if (exact.scale() < 0) {
                    exact = exact.setScale(0);
                }
                return new Money(exact, code);
            }
        }
        return null;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static void addIdentifier(
            List<IdentifierRef> identifiers, Map<String, String> fieldNames, String type, String value, String field) {
        if (value == null) {
            return;
        }
        IdentifierRef ref = new IdentifierRef(type, value);
        if (!identifiers.contains(ref)) {
            String at = "identifiers[" + identifiers.size() + "]";
            fieldNames.put(at, field);
            fieldNames.put(at + ".type", field);
            fieldNames.put(at + ".value", field);
            identifiers.add(ref);
        }
    }

    /** {@code traits.email} and {@code traits.phone} name the customer too, when they are usable values. */
    private static void addTraitIdentifier(
            List<IdentifierRef> identifiers, Map<String, String> fieldNames, String type, Object value) {
        String text = value instanceof String s ? s : value instanceof Number n ? n.toString() : null;
        if (text != null && !text.isBlank() && text.length() <= io.kizuna.api.identity.Identifier.MAX_VALUE_LENGTH) {
            addIdentifier(identifiers, fieldNames, type, text, "traits." + type);
        }
    }

    /** A string or number field as text; {@code null} when absent, null or blank. */
    private static String scalar(ObjectNode m, String name, SegmentCall call, List<Violation> violations) {
        JsonNode node = m.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        if (node.isNumber()) {
            return node.asString();
        }
        violations.add(new Violation(call.field(name), name + " must be a string"));
        return null;
    }

    private static Instant time(ObjectNode m, String name, SegmentCall call, List<Violation> violations) {
        JsonNode node = m.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (!node.isString()) {
                throw new IllegalArgumentException("must be an ISO-8601 date-time string");
            }
            return SegmentTimes.parse(node.stringValue());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(call.field(name), name + ": " + e.getMessage()));
            return null;
        }
    }

    /** An object field as a mutable map (null values kept: for traits they mean "remove"); absent is empty. */
    private Map<String, Object> object(ObjectNode m, String name, SegmentCall call, List<Violation> violations) {
        JsonNode node = m.get(name);
        Map<String, Object> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            violations.add(new Violation(call.field(name), name + " must be a JSON object"));
            return map;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), json.treeToValue(entry.getValue(), Object.class));
        }
        return map;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
