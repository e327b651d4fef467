package io.kizuna.command.segment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The segment part of a customer: which segments it is in (since when, at which version), when each membership last
 * changed, and the recheck it waits for. Decisions are handed to a {@link Recorder}, which applies the customer's
 * events; the events' handlers then update this state ({@link #entered}, {@link #left}, {@link #recheckScheduled},
 * {@link #recheckDue}), so the state is always what the events say.
 *
 * <p>Invariant: an evaluation never undoes a newer one. Evaluations reach the customer from several places (the live
 * process on every node, the background evaluation of a new segment), and a slow one may arrive after a newer one
 * was recorded; per segment, an evaluation made before the last recorded change, or of an older version of the
 * segment, is ignored.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class SegmentPositions {

    /**
     * Where the customer stands in one segment: a member or not, since when (null when not a member), the segment
     * version and the evaluation time ({@code changedAt}) of the last entry or exit.
     */
    public record SegmentPosition(boolean member, Instant since, int version, Instant changedAt) {}

    /** Applies the owning customer's events for the decisions made. */
    public interface Recorder {

        void entered(String segmentId, int version);

        void left(String segmentId, int version);
    }

    private Map<String, SegmentPosition> positions = new HashMap<>();
    /** The earliest recheck waiting for its deadline, or null. */
    private Instant pendingRecheck;

    /**
     * Records the outcome of an evaluation made at {@code at}: an entry for each matching segment the customer is not
     * in, an exit for each evaluated one it is in but no longer matches, nothing else. Segments in {@code matching}
     * but not in {@code evaluated} are ignored (their version is unknown).
     */
    public void decide(Map<String, Integer> evaluated, Set<String> matching, Instant at, Recorder recorder) {
        // in segment id order, so that the events of one evaluation come in a stable order
        new TreeMap<>(evaluated).forEach((segmentId, version) -> {
            SegmentPosition known = positions.get(segmentId);
            if (known != null && (at.isBefore(known.changedAt()) || version < known.version())) {
                return; // a newer evaluation (or one of a newer version) has been recorded already
            }
            boolean member = known != null && known.member();
            boolean matches = matching.contains(segmentId);
            if (matches && !member) {
                recorder.entered(segmentId, version);
            } else if (!matches && member) {
                recorder.left(segmentId, version);
            }
        });
    }

    /** The segments the customer is in now, with the version it entered under, in segment id order. */
    public Map<String, Integer> memberships() {
        Map<String, Integer> members = new TreeMap<>();
        positions.forEach((segmentId, position) -> {
            if (position.member()) {
                members.put(segmentId, position.version());
            }
        });
        return members;
    }

    /** Whether a recheck at {@code at} should be scheduled: none is pending, or it is earlier than the pending one. */
    public boolean wantsRecheck(Instant at) {
        return pendingRecheck == null || at.isBefore(pendingRecheck);
    }

    /** Whether the recheck at {@code at} is the one the customer waits for (a superseded deadline is not). */
    public boolean isPendingRecheck(Instant at) {
        return pendingRecheck != null && pendingRecheck.equals(at);
    }

    public void entered(String segmentId, int version, Instant at) {
        positions.put(segmentId, new SegmentPosition(true, at, version, at));
    }

    public void left(String segmentId, int version, Instant at) {
        positions.put(segmentId, new SegmentPosition(false, null, version, at));
    }

    public void recheckScheduled(Instant at) {
        pendingRecheck = at;
    }

    public void recheckDue(Instant at) {
        if (pendingRecheck != null && !pendingRecheck.isAfter(at)) {
            pendingRecheck = null;
        }
    }
}
