package io.kizuna.infra.privacy;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.journey.AccountTouchpointRecorded;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.command.customer.Customer;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Seals the personal values of a serialized event or snapshot (JSON) with its customer's data key, and opens them
 * again; once the key is destroyed they open as {@link PersonalData#REDACTED}. What is personal is
 * {@link PersonalData}'s: identifier values of personal types (the type stays clear), values of personal traits (the
 * trait name stays), and touchpoint properties declared personal, at any depth (so are personal traits inside a
 * {@code traits} object of the properties, such as Segment's {@code context.traits}). Everything else stays as it was,
 * byte for byte when nothing is personal. The customer is the payload's {@code customerId}.
 *
 * <p>Payloads covered: {@code CustomerRegistered}, {@code IdentifierAdded}, {@code TraitsChanged},
 * {@code TouchpointRecorded}, {@code CustomerAbsorbed}, {@code CustomerMergedInto},
 * {@code AccountTouchpointRecorded} and the {@code Customer} snapshot. A plaintext personal value stored before
 * encryption existed is read as it is, and as redacted once its customer is forgotten.
 */
public final class PersonalDataCodec {

    private static final StringNode REDACTED = StringNode.valueOf(PersonalData.REDACTED);

    /** Where a payload type keeps personal values. */
    private interface Shape {
        void visit(ObjectNode root, Walker walker);
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            CustomerRegistered.class.getName(), (root, w) -> w.identifier(root.get("identifier")),
            IdentifierAdded.class.getName(), (root, w) -> w.identifier(root.get("identifier")),
            TraitsChanged.class.getName(), (root, w) -> w.traits(root.get("set")),
            TouchpointRecorded.class.getName(), (root, w) -> w.properties(root.get("properties")),
            CustomerAbsorbed.class.getName(), (root, w) -> w.identifiers(root.get("identifiers")),
            CustomerMergedInto.class.getName(), (root, w) -> w.identifiers(root.get("identifiers")),
            AccountTouchpointRecorded.class.getName(), (root, w) -> w.properties(root.get("properties")),
            Customer.class.getName(),
                    (root, w) -> {
                        w.identifiers(root.get("identifiers"));
                        w.traits(root.get("traits"));
                        for (JsonNode fact : root.path("journeys").path("facts")) {
                            w.properties(fact.get("properties"));
                        }
                    });

    /** The data keys of customers, as the codec needs them. */
    public interface Keys {

        /** The customer's key for sealing new values, made on first use; null once destroyed. */
        DataKey forSealing(String customerId);

        /** The customer's key for opening values; null if it never had one or it is destroyed. */
        DataKey forOpening(String customerId);

        boolean isDestroyed(String customerId);
    }

    private final PersonalData personal;
    private final Keys keys;
    private final JsonMapper json;

    public PersonalDataCodec(PersonalData personal, Keys keys) {
        this.personal = personal;
        this.keys = keys;
        // exact numbers: a tree must write back what it read (amounts keep their scale)
        this.json = JsonMapper.builder()
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** Whether payloads of this type (a class name) may hold personal values. */
    public static boolean covers(String typeName) {
        return typeName != null && SHAPES.containsKey(typeName);
    }

    /** The payload with its personal values sealed (or redacted, if its customer is forgotten). */
    public byte[] seal(String typeName, byte[] data) {
        return transform(typeName, data, customerId -> new UnaryOperator<>() {
            private DataKey key;
            private boolean destroyed;

            @Override
            public JsonNode apply(JsonNode value) {
                if (Envelopes.isEnvelope(value)) {
                    return value;
                }
                if (key == null && !destroyed) {
                    key = keys.forSealing(customerId);
                    destroyed = key == null;
                }
                return destroyed ? REDACTED : Envelopes.seal(value, key, json);
            }
        });
    }

    /** The payload with its personal values opened, or redacted where its customer's key is destroyed. */
    public byte[] open(String typeName, byte[] data) {
        return transform(typeName, data, customerId -> new UnaryOperator<>() {
            private Boolean forgotten;
            private DataKey key;

            @Override
            public JsonNode apply(JsonNode value) {
                if (forgotten == null) {
                    forgotten = keys.isDestroyed(customerId);
                }
                if (forgotten) {
                    return REDACTED;
                }
                if (!Envelopes.isEnvelope(value)) {
                    return value; // stored before encryption existed
                }
                if (key == null) {
                    key = keys.forOpening(customerId);
                }
                if (key == null || !key.keyId().equals(Envelopes.keyIdOf(value))) {
                    return REDACTED;
                }
                return Envelopes.open(value, key, json);
            }
        });
    }

    private interface ReplacerFactory {
        UnaryOperator<JsonNode> forCustomer(String customerId);
    }

    private byte[] transform(String typeName, byte[] data, ReplacerFactory replacers) {
        Shape shape = typeName == null ? null : SHAPES.get(typeName);
        if (shape == null || data == null || data.length == 0) {
            return data;
        }
        JsonNode tree = json.readTree(data);
        if (!(tree instanceof ObjectNode root)) {
            return data;
        }
        String customerId = root.path("customerId").asString(null);
        if (customerId == null) {
            return data;
        }
        Walker walker = new Walker(replacers.forCustomer(customerId));
        shape.visit(root, walker);
        return walker.changed ? json.writeValueAsBytes(root) : data;
    }

    /** Visits the personal values of a payload and replaces each with what the replacer makes of it. */
    private final class Walker {

        private final UnaryOperator<JsonNode> replacer;
        private boolean changed;

        Walker(UnaryOperator<JsonNode> replacer) {
            this.replacer = replacer;
        }

        void identifiers(JsonNode list) {
            if (list != null && list.isArray()) {
                list.forEach(this::identifier);
            }
        }

        void identifier(JsonNode identifier) {
            if (identifier instanceof ObjectNode object
                    && personal.isPersonalIdentifierType(object.path("type").asString(null))) {
                replace(object, "value");
            }
        }

        void traits(JsonNode traits) {
            if (traits instanceof ObjectNode object) {
                for (String name : List.copyOf(object.propertyNames())) {
                    if (personal.isPersonalTrait(name)) {
                        replace(object, name);
                    }
                }
            }
        }

        void properties(JsonNode properties) {
            if (properties instanceof ObjectNode object) {
                for (String name : List.copyOf(object.propertyNames())) {
                    JsonNode value = object.get(name);
                    if (personal.isPersonalProperty(name)) {
                        replace(object, name);
                    } else if ((value.isObject() || value.isArray()) && !Envelopes.isEnvelope(value)) {
                        if (name.equalsIgnoreCase("traits")) {
                            traits(value);
                        }
                        properties(value);
                    }
                }
            } else if (properties instanceof ArrayNode array) {
                array.forEach(this::properties);
            }
        }

        private void replace(ObjectNode parent, String name) {
            JsonNode value = parent.get(name);
            if (value == null || value.isNull()) {
                return;
            }
            JsonNode replaced = replacer.apply(value);
            if (replaced != value) {
                parent.set(name, replaced);
                changed = true;
            }
        }
    }
}
