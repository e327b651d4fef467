package io.kizuna.api.privacy;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer was forgotten: its data key is destroyed, so every personal value of its history (see
 * {@link PersonalData}) reads as {@link PersonalData#REDACTED} from now on, while the facts statistics need (types,
 * channels, times, values, stages, segments) stay. {@code reason} is the operator's, and must name no person.
 */
@Revision("1")
public record CustomerForgotten(String customerId, String reason, Instant forgottenAt) {}
