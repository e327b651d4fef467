package io.kizuna.infra.privacy;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.IdentifierReleased;
import io.kizuna.api.journey.AccountTouchpointRecorded;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.command.customer.Customer;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code AccountTouchpointRecorded} and the {@code Customer} snapshot; and the owners named by identifier claims
 * ({@code IdentifierClaimed}, {@code IdentifierReassigned}, {@code IdentifierReleased}), each sealed with its own key. A plaintext personal value stored before
 * encryption existed is read as it is, and as redacted once its customer is forgotten.
 */
public final class PersonalDataCodec {

    private static final StringNode REDACTED = StringNode.valueOf(PersonalData.REDACTED);
    private static final Logger log = LoggerFactory.getLogger(PersonalDataCodec.class);
    // exact numbers: a tree must write back what it read (amounts keep their scale)
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Where a payload type keeps personal values. */
    private interface Shape {
        void visit(ObjectNode root, Walker walker);
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            shape(CustomerRegistered.class, (root, w) -> w.identifier(root.get("identifier"))),
            shape(IdentifierAdded.class, (root, w) -> w.identifier(root.get("identifier"))),
            shape(TraitsChanged.class, (root, w) -> w.traits(root.get("set"))),
            shape(TouchpointRecorded.class, (root, w) -> w.properties(root.get("properties"))),
            shape(CustomerAbsorbed.class, (root, w) -> w.identifiers(root.get("identifiers"))),
            shape(CustomerMergedInto.class, (root, w) -> w.identifiers(root.get("identifiers"))),
            shape(AccountTouchpointRecorded.class, (root, w) -> w.properties(root.get("properties"))),
            // a claim names its owner sealed with the owner's own key: once that is destroyed, no keyed hash of an
            // identifier leads to the forgotten customer any more
            shape(IdentifierClaimed.class, (root, w) -> w.owner(root, "customerId")),
            shape(IdentifierReassigned.class, (root, w) -> {
                w.owner(root, "fromCustomerId");
                w.owner(root, "toCustomerId");
            }),
            shape(IdentifierReleased.class, (root, w) -> w.owner(root, "customerId")),
            shape(Customer.class, (root, w) -> {
                w.identifiers(root.get("identifiers"));
                w.traits(root.get("traits"));
                for (JsonNode fact : root.path("journeys").path("facts")) {
                    w.properties(fact.get("properties"));
                }
            }));

    private static Map.Entry<String, Shape> shape(Class<?> type, Shape shape) {
        return Map.entry(type.getName(), shape);
    }

    /** The data keys of customers, as the codec needs them. */
    public interface Keys {

        /** The customer's key for sealing new values, made on first use; null once destroyed. */
        DataKey forSealing(String customerId);

        /** The customer's key for opening values; null if it never had one or it is destroyed. */
        DataKey forOpening(String customerId);

        boolean isDestroyed(String customerId);

        /** The live key with this id; null if there is none (never was, or destroyed). */
        DataKey forOpeningById(String keyId);
    }

    private final PersonalData personal;
    private final Keys keys;

    public PersonalDataCodec(PersonalData personal, Keys keys) {
        this.personal = personal;
        this.keys = keys;
    }

    /** Whether payloads of this type (a class name) may hold personal values. */
    public static boolean covers(String typeName) {
        return typeName != null && SHAPES.containsKey(typeName);
    }

    /** The payload with its personal values sealed (or redacted, if its customer is forgotten). */
    public byte[] seal(String typeName, byte[] data) {
        return transform(typeName, data, true, customerId -> new UnaryOperator<>() {
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
                return destroyed ? REDACTED : Envelopes.seal(value, key, JSON);
            }
        });
    }

    /** The payload with its personal values opened, or redacted where its customer's key is destroyed. */
    public byte[] open(String typeName, byte[] data) {
        return transform(typeName, data, false, customerId -> new UnaryOperator<>() {
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
                return openOrRedact(value, key, customerId);
            }
        });
    }

    /**
     * An envelope that does not open with its key was altered or damaged: it reads as redacted (a reader never stops
     * on it), and the log says so (never with a value); {@code verifyHistory} tells which event was altered.
     */
    private static JsonNode openOrRedact(JsonNode envelope, DataKey key, String customerId) {
        try {
            return Envelopes.open(envelope, key, JSON);
        } catch (IllegalArgumentException e) {
            log.warn("A sealed personal value of customer {} does not open with its key: read as redacted", customerId);
            return REDACTED;
        }
    }

    private interface ReplacerFactory {
        UnaryOperator<JsonNode> forCustomer(String customerId);
    }

    private byte[] transform(String typeName, byte[] data, boolean sealing, ReplacerFactory replacers) {
        Shape shape = typeName == null ? null : SHAPES.get(typeName);
        if (shape == null || data == null || data.length == 0) {
            return data;
        }
        JsonNode tree = JSON.readTree(data);
        if (!(tree instanceof ObjectNode root)) {
            return data;
        }
        String customerId =
                root.path("customerId").isString() ? root.path("customerId").asString() : null;
        Walker walker = new Walker(customerId == null ? null : replacers.forCustomer(customerId), sealing);
        shape.visit(root, walker);
        return walker.changed ? JSON.writeValueAsBytes(root) : data;
    }

    /** Visits the personal values of a payload and replaces each with what the replacer makes of it. */
    private final class Walker {

        private final UnaryOperator<JsonNode> replacer;
        private final boolean sealing;
        private boolean changed;

        Walker(UnaryOperator<JsonNode> replacer, boolean sealing) {
            this.replacer = replacer;
            this.sealing = sealing;
        }

        /** A customer id that is sealed with that customer's own key (or redacted once it is destroyed). */
        void owner(ObjectNode parent, String name) {
            JsonNode value = parent.get(name);
            JsonNode replaced = value;
            if (sealing && value != null && value.isString() && !PersonalData.REDACTED.equals(value.asString())) {
                DataKey key = keys.forSealing(value.asString());
                replaced = key == null ? REDACTED : Envelopes.seal(value, key, JSON);
            } else if (!sealing && Envelopes.isEnvelope(value)) {
                DataKey key = keys.forOpeningById(Envelopes.keyIdOf(value));
                replaced = key == null ? REDACTED : openOrRedact(value, key, "(claim owner)");
            } else if (!sealing && value != null && value.isString() && keys.isDestroyed(value.asString())) {
                replaced = REDACTED; // stored before encryption existed
            }
            if (replaced != value) {
                parent.set(name, replaced);
                changed = true;
            }
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
            properties(properties, null);
        }

        /** Seals what {@link PersonalData#isPersonalPropertyEntry} calls personal, at any depth. */
        private void properties(JsonNode node, String enclosing) {
            if (node instanceof ObjectNode object) {
                for (String name : List.copyOf(object.propertyNames())) {
                    JsonNode value = object.get(name);
                    if (personal.isPersonalPropertyEntry(name, enclosing)) {
                        replace(object, name);
                    } else if ((value.isObject() || value.isArray()) && !Envelopes.isEnvelope(value)) {
                        properties(value, name);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                array.forEach(element -> properties(element, null));
            }
        }

        private void replace(ObjectNode parent, String name) {
            JsonNode value = parent.get(name);
            if (value == null || value.isNull() || replacer == null) {
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
