package io.kizuna.graphql.merge;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerProfiles;
import io.kizuna.api.customer.CustomerResult;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.customer.FindCustomerProfiles;
import io.kizuna.api.history.Causation;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.api.validation.Violation;
import io.kizuna.command.causation.CommandCausation;
import io.kizuna.command.merge.MergeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Merges decided by people, and the merge links of customers ({@code mergedInto}, {@code mergedFrom}). */
@Controller
public class MergeController {

    private static final int MAX_REASON_LENGTH = 500;

    private final MergeService merges;
    private final QueryGateway queries;

    public MergeController(MergeService merges, QueryGateway queries) {
        this.merges = merges;
        this.queries = queries;
    }

    public record MergeCustomersPayload(
            boolean merged, CustomerProfile survivor, String refusal, String consistencyToken) {}

    @MutationMapping
    public MergeCustomersPayload mergeCustomers(
            @Argument String survivorId, @Argument String absorbedId, @Argument String reason) {
        List<Violation> violations = new ArrayList<>();
        checkId("survivorId", survivorId, violations);
        checkId("absorbedId", absorbedId, violations);
        if (survivorId.equals(absorbedId)) {
            violations.add(new Violation("absorbedId", "a customer cannot be merged into itself"));
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            violations.add(new Violation("reason", "say why, in 1 to " + MAX_REASON_LENGTH + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        MergeService.Outcome outcome;
        try {
            // the merge events name this operation in their metadata, as well as the person's reason in the payload
            outcome = CommandCausation.within(
                    Causation.graphql(),
                    () -> merges.mergeInto(survivorId, absorbedId, MergeCause.user("api", reason.strip())));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException(
                    null, "no customer with id " + survivorId + " or " + absorbedId + ": check both ids");
        }
        ConsistencyToken token = outcome.survivorSequence() < 0
                ? ConsistencyToken.empty()
                : new ConsistencyToken(Map.of(outcome.survivorId(), outcome.survivorSequence()));
        CustomerResult survivor = queries.query(new FindCustomer(outcome.survivorId(), token), CustomerResult.class)
                .join();
        return new MergeCustomersPayload(outcome.merged(), survivor.profile(), outcome.refusal(), token.encode());
    }

    @BatchMapping(typeName = "Customer")
    public Map<CustomerProfile, CustomerProfile> mergedInto(List<CustomerProfile> customers) {
        Map<String, CustomerProfile> found = profiles(customers.stream()
                .map(CustomerProfile::mergedInto)
                .filter(id -> id != null)
                .collect(Collectors.toSet()));
        Map<CustomerProfile, CustomerProfile> result = new LinkedHashMap<>();
        for (CustomerProfile customer : customers) {
            if (customer.mergedInto() != null && found.containsKey(customer.mergedInto())) {
                result.put(customer, found.get(customer.mergedInto()));
            }
        }
        return result;
    }

    @BatchMapping(typeName = "Customer")
    public Map<CustomerProfile, List<CustomerProfile>> mergedFrom(List<CustomerProfile> customers) {
        Set<String> ids = new LinkedHashSet<>();
        customers.forEach(c -> ids.addAll(c.mergedFrom()));
        Map<String, CustomerProfile> found = profiles(ids);
        Map<CustomerProfile, List<CustomerProfile>> result = new LinkedHashMap<>();
        for (CustomerProfile customer : customers) {
            result.put(
                    customer,
                    customer.mergedFrom().stream()
                            .map(found::get)
                            .filter(p -> p != null)
                            .toList());
        }
        return result;
    }

    private Map<String, CustomerProfile> profiles(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return queries
                .query(new FindCustomerProfiles(List.copyOf(ids)), CustomerProfiles.class)
                .join()
                .profiles()
                .stream()
                .collect(Collectors.toMap(CustomerProfile::id, Function.identity(), (a, b) -> a));
    }

    private static void checkId(String field, String id, List<Violation> violations) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "not a customer id (a UUID)"));
        }
    }
}
