package io.kizuna.projection.customer;

import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.CustomerSegmentChange;
import java.time.Instant;

/**
 * One entry into ({@code delta} +1) or exit from ({@code delta} -1) a segment, in the segment changes view: a segment's
 * size at any time is the sum of the deltas before it, and a customer's changes say when and why it was in an audience.
 * The id is {@code customerId:sequence}, the sequence number of the event in the customer's stream (customer ids are
 * UUIDs: no personal data), which is also its external version: the document never changes, and a replayed or
 * redelivered event writes it again at the same version, which Elasticsearch refuses as stale.
 */
public record SegmentChangeDocument(
        String segmentId,
        String customerId,
        int segmentVersion,
        Instant at,
        int delta,
        String causeKind,
        String causeMessageId,
        Long causePosition,
        long sequence) {

    static SegmentChangeDocument entered(CustomerEnteredSegment e, long sequence) {
        return new SegmentChangeDocument(
                e.segmentId(),
                e.customerId(),
                e.segmentVersion(),
                e.at(),
                1,
                e.causeKind(),
                e.causeMessageId(),
                e.causePosition(),
                sequence);
    }

    static SegmentChangeDocument left(CustomerLeftSegment e, long sequence) {
        return new SegmentChangeDocument(
                e.segmentId(),
                e.customerId(),
                e.segmentVersion(),
                e.at(),
                -1,
                e.causeKind(),
                e.causeMessageId(),
                e.causePosition(),
                sequence);
    }

    /** The document made from {@code event} at {@code sequence}, or null when it is no segment change. */
    static SegmentChangeDocument of(Object event, long sequence) {
        if (event instanceof CustomerEnteredSegment entered) {
            return entered(entered, sequence);
        }
        if (event instanceof CustomerLeftSegment left) {
            return left(left, sequence);
        }
        return null;
    }

    public static String idOf(String customerId, long sequence) {
        return customerId + ":" + sequence;
    }

    public String id() {
        return idOf(customerId, sequence);
    }

    public CustomerSegmentChange toChange() {
        return new CustomerSegmentChange(
                customerId, segmentId, segmentVersion, delta > 0, at, causeKind, causeMessageId);
    }
}
