package io.kizuna.command.intake;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.touchpoint.Touchpoint;
import java.util.List;
import java.util.Map;

/**
 * One message of an integrator, whatever protocol it came by: whom it is about (every identifier it names, not yet
 * normalised), and what it says: a touchpoint, trait changes (a {@code null} value removes a trait), or neither
 * (it only links identifiers); and consent answers it carries, if any (Segment's {@code context.consent}).
 * {@code messageId} is the idempotency key; a touchpoint and consent answers carry the same one.
 */
public record IntakeMessage(
        String messageId,
        List<IdentifierRef> identifiers,
        Touchpoint touchpoint,
        Map<String, Object> traits,
        List<ConsentChange> consent) {

    public IntakeMessage {
        consent = consent == null ? List.of() : List.copyOf(consent);
    }

    public IntakeMessage(
            String messageId, List<IdentifierRef> identifiers, Touchpoint touchpoint, Map<String, Object> traits) {
        this(messageId, identifiers, touchpoint, traits, List.of());
    }

    /** An identifier as submitted: type and raw value. */
    public record IdentifierRef(String type, String value) {}

    public static IntakeMessage touchpoint(String type, String value, Touchpoint touchpoint) {
        return new IntakeMessage(touchpoint.messageId(), List.of(new IdentifierRef(type, value)), touchpoint, null);
    }
}
