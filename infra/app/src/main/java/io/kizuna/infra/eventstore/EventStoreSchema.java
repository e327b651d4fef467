package io.kizuna.infra.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Creates the event, snapshot and token tables if they are missing, at start-up, before any command is handled or
 * processor starts (Axon's JDBC engine creates none itself). On PostgreSQL the columns are {@code bytea} and the
 * global index a {@code bigserial}; on H2, an identity column and BLOBs. With Axon Server the events live there and
 * only the token table is created here.
 */
@Component
public class EventStoreSchema implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EventStoreSchema.class);

    private final DataSource dataSource;
    private final ObjectProvider<EventStorageEngine> engine;
    private final ObjectProvider<TokenStore> tokenStore;

    public EventStoreSchema(
            DataSource dataSource, ObjectProvider<EventStorageEngine> engine, ObjectProvider<TokenStore> tokenStore) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.tokenStore = tokenStore;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        boolean postgres = isPostgres();
        if (engine.getIfAvailable() instanceof JdbcEventStorageEngine jdbc) {
            EventTableFactory tables = postgres ? PostgresEventTableFactory.INSTANCE : H2EventTableFactory.INSTANCE;
            jdbc.createSchema(tables);
        }
        if (tokenStore.getIfAvailable() instanceof JdbcTokenStore jdbc) {
            TokenTableFactory tables =
                    postgres ? PostgresTokenTableFactory.INSTANCE : GenericTokenTableFactory.INSTANCE;
            jdbc.createSchema(tables);
        }
        log.info("Event store schema ready on {}", postgres ? "PostgreSQL" : "H2");
    }

    private boolean isPostgres() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        }
    }
}
