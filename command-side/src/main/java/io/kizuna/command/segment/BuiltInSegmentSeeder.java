package io.kizuna.command.segment;

import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.command.journey.BuiltInJourneyModels;
import io.kizuna.command.journey.JourneyModelRegistry;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Defines the {@link BuiltInSegments} once the platform can take commands. A segment that exists is left as it is
 * (the catalog ignores a built-in definition of an existing segment), so restarting, or several nodes starting at
 * once, changes nothing.
 */
@Component
public class BuiltInSegmentSeeder {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSegmentSeeder.class);
    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final JourneyModelRegistry journeyModels;
    private final BuiltInSegmentProperties properties;

    public BuiltInSegmentSeeder(
            CommandGateway commands, JourneyModelRegistry journeyModels, BuiltInSegmentProperties properties) {
        this.commands = commands;
        this.journeyModels = journeyModels;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void defineBuiltInSegments() {
        for (SegmentDefinition definition : BuiltInSegments.all(properties, stages())) {
            define(definition);
        }
    }

    /** The stages of the configured journey model: as the catalog holds it, else as shipped. */
    List<String> stages() {
        String model = properties.journeyModel();
        JourneyModelDefinition definition = journeyModels.all().stream()
                .filter(m -> m.id().equals(model))
                .map(JourneyModel::definition)
                .findFirst()
                .orElseGet(() -> BuiltInJourneyModels.all().stream()
                        .filter(m -> m.id().equals(model))
                        .findFirst()
                        .orElse(null));
        if (definition == null) {
            log.warn("No journey model {} (kizuna.segments.built-in.journey-model): no stage segments", model);
            return List.of();
        }
        return definition.stages().stream().map(JourneyStageDefinition::id).toList();
    }

    private void define(SegmentDefinition definition) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(new DefineSegment(SegmentCatalog.ID, definition, true));
                return;
            } catch (RuntimeException e) {
                // another node defining at the same moment makes the append conflict: the next attempt sees its work
                if (attempt == ATTEMPTS) {
                    log.error("Could not define the built-in segment {}", definition.id(), e);
                    return;
                }
            }
        }
    }
}
