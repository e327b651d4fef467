package io.kizuna.graphql.journey;

import io.kizuna.api.journey.DefineJourneyModel;
import io.kizuna.api.journey.FindJourneyModel;
import io.kizuna.api.journey.FindJourneyModels;
import io.kizuna.api.journey.FindJourneyReevaluation;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyModels;
import io.kizuna.api.journey.JourneyReevaluation;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Journey models: the catalog's latest versions, one model, and defining a model or its next version. */
@Controller
public class JourneyModelController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public JourneyModelController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @QueryMapping
    public List<JourneyModelView> journeyModels() {
        JourneyModels catalog = catalog();
        return catalog.models().stream()
                .map(m -> JourneyModelView.of(m, catalog.defaultModel()))
                .toList();
    }

    @QueryMapping
    public JourneyModelView journeyModel(@Argument String id) {
        JourneyModel model =
                queries.query(new FindJourneyModel(id), JourneyModel.class).join();
        return model == null ? null : JourneyModelView.of(model, catalog().defaultModel());
    }

    @MutationMapping
    public JourneyModelView defineJourneyModel(@Argument Map<String, Object> input) {
        JourneyModelDefinition definition = JourneyModelInputs.read(input);
        JourneyModel stored;
        try {
            stored = commands.sendAndWait(new DefineJourneyModel(definition));
        } catch (RuntimeException e) {
            throw underInput(e);
        }
        if (stored == null) {
            throw new IllegalStateException("defining journey model " + definition.id() + " was interrupted");
        }
        // A model defined as the default is the default from now on; otherwise the catalog says (defining a model
        // without the flag never changes which one is the default).
        String defaultModel = definition.isDefault() ? stored.id() : catalog().defaultModel();
        return JourneyModelView.of(stored, defaultModel);
    }

    @SchemaMapping(typeName = "JourneyModel")
    public CompletableFuture<JourneyReevaluation> reevaluation(JourneyModelView model) {
        return queries.query(new FindJourneyReevaluation(model.id()), JourneyReevaluation.class);
    }

    @SchemaMapping(typeName = "InactivityRule")
    public String inactiveFor(InactivityRule rule) {
        return InactivityDurations.format(rule.inactiveFor());
    }

    @SchemaMapping(typeName = "InactivityRule")
    public long inactiveForSeconds(InactivityRule rule) {
        return rule.inactiveFor().getSeconds();
    }

    private JourneyModels catalog() {
        return queries.query(new FindJourneyModels(), JourneyModels.class).join();
    }

    /**
     * The command side names fields relative to the definition ({@code rules[0].enter}); the client sent them
     * inside {@code input}. Violations arrive as the exception itself from a local command bus, or as the details
     * of a {@link HandlerExecutionException} from a remote one.
     */
    private static RuntimeException underInput(RuntimeException failure) {
        InvalidInputException invalid = invalidInput(failure);
        if (invalid == null) {
            return failure;
        }
        return new InvalidInputException(invalid.violations().stream()
                .map(JourneyModelController::inInput)
                .toList());
    }

    private static Violation inInput(Violation violation) {
        String field = violation.field();
        if (field != null && (field.equals("input") || field.startsWith("input.") || field.startsWith("input["))) {
            return violation;
        }
        return violation.prefixed("input");
    }

    private static InvalidInputException invalidInput(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid;
            }
            if (t instanceof HandlerExecutionException handlerFailure) {
                Object details = handlerFailure.getDetails().orElse(null);
                if (details instanceof InvalidInputException invalid) {
                    return invalid;
                }
                if (details instanceof List<?> list
                        && !list.isEmpty()
                        && list.stream().allMatch(Violation.class::isInstance)) {
                    return new InvalidInputException(
                            list.stream().map(Violation.class::cast).toList());
                }
            }
        }
        return null;
    }
}
