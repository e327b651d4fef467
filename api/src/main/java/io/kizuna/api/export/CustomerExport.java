package io.kizuna.api.export;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.history.HistoryEntry;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.api.segment.SegmentMembership;
import java.time.Instant;
import java.util.List;

/**
 * All data of one customer, read when asked and never kept: {@code profile} as the profile view shows it (null while
 * the view has not caught up with a new customer), its {@code identifiers}, {@code consents}, {@code segments} (since when)
 * and journey {@code stageHistory} (every move, all models), and {@code history}: every stored event of the customer's
 * own stream and of the customers merged into it, as the history query returns them (oldest first).
 */
public record CustomerExport(
        String customerId,
        Instant exportedAt,
        CustomerProfile profile,
        List<Identifier> identifiers,
        List<Consent> consents,
        List<SegmentMembership> segments,
        List<StageTransition> stageHistory,
        List<HistoryEntry> history) {}
