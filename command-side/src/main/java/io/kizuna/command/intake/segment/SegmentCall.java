package io.kizuna.command.intake.segment;

import tools.jackson.databind.node.ObjectNode;

/**
 * One Segment call of a request ({@code identify}, {@code track}, {@code page}, {@code screen}, {@code group},
 * {@code alias}), with its batch's context merged in and its batch's {@code sentAt} as fallback.
 *
 * @param type the call's type, from the endpoint or (in a batch) the message
 * @param message the call as sent, context merged
 * @param position where it sits in the request: empty for a single call, {@code batch[3]} in a batch
 * @param writeKey the key the call is sent with (its own, else its batch's, else HTTP Basic); may be {@code null}
 */
public record SegmentCall(String type, ObjectNode message, String position, String writeKey) {

    /** A field of this call as the client knows it, e.g. {@code batch[3].event}. */
    public String field(String name) {
        if (position.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? position : position + "." + name;
    }
}
