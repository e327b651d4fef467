package io.kizuna.api.journey;

import java.time.Duration;
import java.util.List;

/**
 * "No touchpoint (of {@code touchpointTypes}, or of any type when empty) for {@code inactiveFor} while in stage
 * {@code in}: the customer enters stage {@code enter}." Measured in business time from the latest such touchpoint, or
 * from entering {@code in} when that is later.
 */
public record InactivityRule(String in, Duration inactiveFor, List<String> touchpointTypes, String enter) {

    public InactivityRule {
        touchpointTypes = touchpointTypes == null ? List.of() : List.copyOf(touchpointTypes);
    }
}
