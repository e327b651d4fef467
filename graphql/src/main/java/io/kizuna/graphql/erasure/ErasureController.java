package io.kizuna.graphql.erasure;

import io.kizuna.api.history.Causation;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.causation.CommandCausation;
import io.kizuna.command.privacy.CustomerErasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Erasure: {@code forgetCustomer}. */
@Controller
public class ErasureController {

    private static final int MAX_REASON_LENGTH = 500;

    private final CustomerErasure erasure;

    public ErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    public record ForgetCustomerPayload(String customerId, Instant forgottenAt) {}

    @MutationMapping
    public ForgetCustomerPayload forgetCustomer(@Argument String id, @Argument String reason) {
        List<Violation> violations = new ArrayList<>();
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("id", "not a customer id (a UUID)"));
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            violations.add(new Violation("reason", "say why, in 1 to " + MAX_REASON_LENGTH + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        try {
            // the events name this operation in their metadata (requestId, actor), the reason in their payload
            CustomerErasure.Forgotten forgotten =
                    CommandCausation.within(Causation.graphql(), () -> erasure.forget(id, reason.strip()));
            return new ForgetCustomerPayload(forgotten.customerId(), forgotten.forgottenAt());
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("id", "no customer with id " + id);
        }
    }
}
