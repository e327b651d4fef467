package io.kizuna.query.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The global positions (and stored payload revisions) of one aggregate's events, by event id. Axon's per-aggregate
 * reads hand out {@code DomainEventMessage}s without their global index, so on the JDBC stores (H2, PostgreSQL)
 * this reads the index column of the event table directly, through the connection provider the engine uses. With
 * Axon Server ({@code axon.axonserver.enabled=true}) there is no table and per-aggregate reads carry no token: the
 * answer is empty and the history shows position -1, ordered by recorded time instead.
 */
@Component
class EventPositions {

    /** Where an event sits in the store, and the payload revision it was stored at. */
    record Stored(long position, String revision) {}

    private final ConnectionProvider connections;
    private final String sql;

    EventPositions(
            ObjectProvider<ConnectionProvider> connections,
            @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        this.connections = axonServer ? null : connections.getIfAvailable();
        EventSchema schema = new EventSchema();
        this.sql = "SELECT " + schema.eventIdentifierColumn() + ", " + schema.globalIndexColumn() + ", "
                + schema.payloadRevisionColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.aggregateIdentifierColumn() + " = ?";
    }

    /** Positions by event id; empty where the store cannot tell. */
    Map<String, Stored> of(String aggregateId) {
        if (connections == null) {
            return Map.of();
        }
        Map<String, Stored> positions = new HashMap<>();
        Connection connection = null;
        try {
            connection = connections.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, aggregateId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        positions.put(rows.getString(1), new Stored(rows.getLong(2), rows.getString(3)));
                    }
                }
            }
            return positions;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event positions of " + aggregateId, e);
        } finally {
            closeQuietly(connection);
        }
    }

    /** Closing gives the connection back; inside a unit of work or transaction the wrappers keep it open. */
    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing to do: the read succeeded or already failed
            }
        }
    }
}
