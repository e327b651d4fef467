package io.kizuna.query.customer;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.kizuna.api.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Opaque page cursors: the sort values of the last hit of a page, for Elasticsearch's {@code search_after}. Deep
 * pages cost the same as the first; there is no offset paging.
 */
public final class Cursor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cursor() {}

    public static String encode(List<FieldValue> sortValues) {
        ArrayNode array = JSON.createArrayNode();
        for (FieldValue value : sortValues) {
            switch (value._kind()) {
                case Long -> array.addObject().put("l", value.longValue());
                case Double -> array.addObject().put("d", value.doubleValue());
                case String -> array.addObject().put("s", value.stringValue());
                case Boolean -> array.addObject().put("b", value.booleanValue());
                case Null -> array.addObject().putNull("n");
                default -> throw new IllegalStateException("unexpected sort value " + value);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(array));
    }

    public static List<FieldValue> decode(String cursor, String field) {
        try {
            JsonNode array = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            List<FieldValue> values = new ArrayList<>();
            for (JsonNode item : array) {
                if (item.has("l")) {
                    values.add(FieldValue.of(item.get("l").longValue()));
                } else if (item.has("d")) {
                    values.add(FieldValue.of(item.get("d").doubleValue()));
                } else if (item.has("s")) {
                    values.add(FieldValue.of(item.get("s").stringValue()));
                } else if (item.has("b")) {
                    values.add(FieldValue.of(item.get("b").booleanValue()));
                } else if (item.has("n")) {
                    values.add(FieldValue.NULL);
                } else {
                    throw new IllegalArgumentException("bad cursor item");
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty cursor");
            }
            return values;
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "not a cursor from this list: pass a cursor from the previous page");
        }
    }
}
