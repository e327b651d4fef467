package io.kizuna.command.intake.segment;

import io.kizuna.api.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the body of one Segment HTTP request into its calls. A batch's {@code context} is merged into each of its
 * messages (the message's own values win, object by object) and its {@code sentAt} stands in for a message's missing
 * one. Enforces Segment's limits: a message at most 32 KB, a batch at most 500 KB and 2,500 messages.
 */
public final class SegmentRequest {

    public static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

    private SegmentRequest() {}

    /**
     * The calls of a body sent to a single-call endpoint ({@code type} given) or, with {@code type == null}, to
     * {@code /v1/batch} or {@code /v1/import}.
     *
     * @param basicWriteKey the write key of HTTP Basic authentication, if any: the last fallback
     * @throws InvalidInputException naming the field at fault
     */
    public static List<SegmentCall> parse(
            String type, byte[] body, String basicWriteKey, HttpIntakeProperties limits, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("", "the request body must be a JSON object");
        }
        ObjectNode object = (ObjectNode) root;
        if (type != null) {
            return List.of(new SegmentCall(type, object, "", firstKey(text(object.get("writeKey")), basicWriteKey)));
        }
        return batch(object, basicWriteKey, limits, json);
    }

    private static List<SegmentCall> batch(
            ObjectNode root, String basicWriteKey, HttpIntakeProperties limits, JsonMapper json) {
        JsonNode batch = root.get("batch");
        if (batch == null || !batch.isArray()) {
            throw new InvalidInputException("batch", "a batch request needs a \"batch\" array of messages");
        }
        if (batch.isEmpty()) {
            throw new InvalidInputException("batch", "the batch is empty: give at least one message");
        }
        if (batch.size() > limits.maxBatchMessages()) {
            throw new InvalidInputException(
                    "batch",
                    "at most " + limits.maxBatchMessages() + " messages per batch, got " + batch.size()
                            + ": split the batch");
        }
        JsonNode context = root.get("context");
        JsonNode sentAt = root.get("sentAt");
        String batchKey = firstKey(text(root.get("writeKey")), basicWriteKey);
        long maxMessageBytes = limits.maxMessageSize().toBytes();
        List<SegmentCall> calls = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String position = "batch[" + i + "]";
            JsonNode element = batch.get(i);
            if (!element.isObject()) {
                throw new InvalidInputException(position, "each message of a batch must be a JSON object");
            }
            ObjectNode message = (ObjectNode) element;
            if (json.writeValueAsBytes(message).length > maxMessageBytes) {
                throw new InvalidInputException(
                        position, "the message is larger than " + maxMessageBytes + " bytes (Segment's limit)");
            }
            String type = text(message.get("type"));
            if (type == null || !TYPES.contains(type)) {
                throw new InvalidInputException(
                        position + ".type",
                        "type must be one of identify, track, page, screen, group, alias; got " + message.get("type"));
            }
            if (context != null && context.isObject()) {
                JsonNode own = message.get("context");
                message.set("context", own != null && own.isObject() ? merge((ObjectNode) context, own) : context);
            }
            if (sentAt != null && !sentAt.isNull() && isAbsent(message.get("sentAt"))) {
                message.set("sentAt", sentAt);
            }
            calls.add(new SegmentCall(type, message, position, firstKey(text(message.get("writeKey")), batchKey)));
        }
        return calls;
    }

    /** {@code base} with {@code own} laid over it: objects merge key by key, anything else in {@code own} wins. */
    public static ObjectNode merge(ObjectNode base, JsonNode own) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : own.properties()) {
            JsonNode mine = entry.getValue();
            JsonNode theirs = merged.get(entry.getKey());
            if (mine.isObject() && theirs != null && theirs.isObject()) {
                merged.set(entry.getKey(), merge((ObjectNode) theirs, mine));
            } else {
                merged.set(entry.getKey(), mine);
            }
        }
        return merged;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null
                || node.isNull()
                || (node.isString() && node.stringValue().isBlank());
    }

    private static String firstKey(String own, String fallback) {
        return own != null && !own.isBlank() ? own : fallback;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
