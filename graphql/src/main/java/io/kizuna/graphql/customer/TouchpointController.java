package io.kizuna.graphql.customer;

import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.intake.TouchpointIntake;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Writes from integrators: touchpoint batches and trait updates. Inputs arrive already typed by the schema's
 * scalars; what the schema cannot say (lower snake case, ISO currencies, JSON objects) the intake checks before
 * anything is stored.
 */
@Controller
public class TouchpointController {

    private final TouchpointIntake intake;

    public TouchpointController(TouchpointIntake intake) {
        this.intake = intake;
    }

    public record RecordTouchpointsPayload(
            int accepted, int duplicates, List<String> customerIds, String consistencyToken) {}

    public record UpdateTraitsPayload(String customerId, boolean changed, String consistencyToken) {}

    @MutationMapping
    public RecordTouchpointsPayload recordTouchpoints(@Argument List<Map<String, Object>> input) {
        List<Violation> violations = new ArrayList<>();
        List<TouchpointIntake.Submission> submissions = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            Map<String, Object> t = input.get(i);
            Map<?, ?> customer = (Map<?, ?>) t.get("customer");
            Object properties = t.get("properties");
            if (properties != null && !(properties instanceof Map)) {
                violations.add(new Violation("[" + i + "].properties", "properties must be a JSON object"));
                properties = null;
            }
            submissions.add(new TouchpointIntake.Submission(
                    (String) customer.get("type"),
                    (String) customer.get("value"),
                    new Touchpoint(
                            (String) t.get("messageId"),
                            (String) t.get("type"),
                            (String) t.get("channel"),
                            (Instant) t.get("occurredAt"),
                            (String) t.get("campaign"),
                            money(t.get("value")),
                            asMap(properties))));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        TouchpointIntake.Outcome outcome = intake.record(submissions);
        return new RecordTouchpointsPayload(
                outcome.accepted(),
                outcome.duplicates(),
                outcome.customerIds(),
                outcome.consistencyToken().encode());
    }

    @MutationMapping
    public UpdateTraitsPayload updateTraits(@Argument Map<String, Object> input) {
        Map<?, ?> customer = (Map<?, ?>) input.get("customer");
        Object traits = input.get("traits");
        if (!(traits instanceof Map)) {
            throw new InvalidInputException("traits", "traits must be a JSON object");
        }
        TouchpointIntake.TraitsOutcome outcome =
                intake.updateTraits((String) customer.get("type"), (String) customer.get("value"), asMap(traits));
        return new UpdateTraitsPayload(
                outcome.customerId(),
                outcome.changed(),
                outcome.consistencyToken().encode());
    }

    private static Money money(Object value) {
        if (!(value instanceof Map<?, ?> money)) {
            return null;
        }
        return new Money((BigDecimal) money.get("amount"), (String) money.get("currency"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value == null ? null : (Map<String, Object>) value;
    }
}
