package io.kizuna.infra.upcasting;

import io.kizuna.api.customer.TouchpointRecorded;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@link TouchpointRecorded} of revision 1 (or of no revision) as revision 2: the source the Segment intake
 * kept in {@code properties._segment.sourceId} becomes the {@code sourceId} field, null when there is none (GraphQL
 * mutations); the properties stay exactly as stored.
 */
public class TouchpointRecordedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = TouchpointRecorded.class.getName();
    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        return TYPE.equals(type.getName()) && (type.getRevision() == null || "1".equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        // ObjectNode is an intermediate form Axon's Jackson 3 serializer converts to and from its stored bytes
        return event.upcastPayload(REVISION_2, ObjectNode.class, TouchpointRecordedUpcaster::liftSourceId);
    }

    static ObjectNode liftSourceId(ObjectNode payload) {
        JsonNode source = payload.path("properties").path("_segment").path("sourceId");
        if (source.isString()) {
            payload.put("sourceId", source.stringValue());
        } else {
            payload.putNull("sourceId");
        }
        return payload;
    }
}
