package io.kizuna.command.source;

import io.kizuna.api.source.CreateSource;
import io.kizuna.api.source.IssueWriteKey;
import io.kizuna.api.source.RevokeSource;
import io.kizuna.api.source.SourceDetails;
import io.kizuna.api.validation.InvalidInputException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Creates and revokes sources for their owners (GraphQL). A new source's write key is returned once, here, and
 * never stored: only its SHA-256 is.
 */
@Component
public class SourceRegistry {

    public static final int MAX_NAME_LENGTH = 100;

    private final CommandGateway commands;
    private final SourceStreams streams;
    private final WriteKeyDirectory directory;

    public SourceRegistry(CommandGateway commands, EventStore events, WriteKeyDirectory directory) {
        this.commands = commands;
        this.streams = new SourceStreams(events);
        this.directory = directory;
    }

    /** A new source and its write key, which the caller must show once and then forget. */
    public record CreatedSource(SourceDetails source, String writeKey) {}

    public CreatedSource create(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(
                    "name", "name must be 1 to " + MAX_NAME_LENGTH + " characters, e.g. web, pos, crm");
        }
        String sourceId = UUID.randomUUID().toString();
        String writeKey = WriteKeys.generate();
        String keyHash = WriteKeys.hash(writeKey);
        // The key first: it resolves to nothing until its source exists, so a failure in between leaves an unusable
        // key, never a source whose key was lost.
        commands.sendAndWait(new IssueWriteKey(keyHash, sourceId));
        commands.sendAndWait(new CreateSource(sourceId, trimmed, keyHash));
        return new CreatedSource(find(sourceId), writeKey);
    }

    /** Revokes the source (again: no change) and answers with its state; unknown ids throw. */
    public SourceDetails revoke(String sourceId) {
        find(sourceId);
        SourceDetails revoked = commands.sendAndWait(new RevokeSource(sourceId));
        directory.forgetSource(sourceId);
        return revoked;
    }

    /** The source as its own events tell it; unknown ids throw {@link UnknownSourceException}. */
    public SourceDetails find(String sourceId) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new UnknownSourceException(sourceId);
        }
        return streams.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
    }
}
