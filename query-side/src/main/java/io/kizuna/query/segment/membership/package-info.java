/**
 * The live path of segment membership: keeps every customer's segments current within seconds of the change that
 * caused them, and at the moment time alone changes an answer.
 *
 * <ol>
 *   <li>{@link io.kizuna.query.segment.membership.SegmentMembershipProcess} (processor {@code segment-membership})
 *       collects, per batch, the customers whose events can change an answer and the sequence each has reached;
 *   <li>waits until the profile view shows those events, then evaluates every segment
 *       ({@link io.kizuna.query.segment.membership.CurrentSegments}) for all of them in one search
 *       ({@link io.kizuna.query.segment.membership.SegmentEvaluator}: one named clause per segment, read back from
 *       {@code matched_queries});
 *   <li>sends each customer {@code RecordSegmentMemberships}: the customer aggregate records
 *       {@code CustomerEnteredSegment} / {@code CustomerLeftSegment} with the segment version and the cause, and
 *       nothing when nothing changed;
 *   <li>when a segment's rule depends on time ({@code within:}, {@code days_since}, {@code first_seen}), sends
 *       {@code ScheduleSegmentRecheck} for the next instant any such condition can change its answer for that customer
 *       ({@link io.kizuna.query.segment.membership.RecheckPlanner}); the customer keeps the earliest, with a deadline
 *       in the database, and records {@code SegmentRecheckDue} when it falls due, which brings the customer back to
 *       step 1 with cause {@code time}. No timer ever scans customers.
 * </ol>
 *
 * <p>{@code segment(x)} conditions read the profile's {@code segments}: they see an entry into x one evaluation later
 * (the entry's event brings the customer back). Entries and exits are pushed to GraphQL subscribers by the
 * {@code segmentMembershipChanged} subscription.
 */
package io.kizuna.query.segment.membership;
