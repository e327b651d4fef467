package io.kizuna.graphql.consent;

import graphql.schema.DataFetchingEnvironment;
import io.kizuna.api.consent.Consent;
import io.kizuna.api.consent.Consents;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerResult;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.consent.ConsentIntake;
import io.kizuna.graphql.consistency.ConsistencyReport;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Gives and withdraws a customer's consent, and shows it on the customer. */
@Controller
public class ConsentController {

    private final ConsentIntake consent;
    private final QueryGateway queries;

    public ConsentController(ConsentIntake consent, QueryGateway queries) {
        this.consent = consent;
        this.queries = queries;
    }

    @MutationMapping
    public CustomerProfile giveConsent(
            @Argument String customerId,
            @Argument String purpose,
            @Argument String channel,
            DataFetchingEnvironment env) {
        return afterwards(consent.change(customerId, purpose, channel, true), env);
    }

    @MutationMapping
    public CustomerProfile withdrawConsent(
            @Argument String customerId,
            @Argument String purpose,
            @Argument String channel,
            DataFetchingEnvironment env) {
        return afterwards(consent.change(customerId, purpose, channel, false), env);
    }

    @SchemaMapping(typeName = "Customer")
    public List<Consent> consents(CustomerProfile customer) {
        return customer.consents() == null ? List.of() : customer.consents();
    }

    @SchemaMapping(typeName = "Customer")
    public boolean hasConsent(CustomerProfile customer, @Argument String purpose, @Argument String channel) {
        List<Violation> violations = Consents.validate(purpose, channel, "");
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return customer.consentsTo(purpose, channel);
    }

    /** The customer as the view shows it once it has the change (the read waits, as with a consistency token). */
    private CustomerProfile afterwards(ConsentIntake.Outcome outcome, DataFetchingEnvironment env) {
        CustomerResult result = queries.query(
                        new FindCustomer(outcome.customerId(), outcome.consistencyToken()), CustomerResult.class)
                .join();
        ConsistencyReport.record(env.getGraphQlContext(), result.consistency());
        if (result.profile() == null) {
            throw new NotFoundException("customerId", "customer " + outcome.customerId() + " is not in the view yet");
        }
        return result.profile();
    }
}
