package io.kizuna.infra.eventstore;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event store on Axon's JDBC engine (H2 by default, PostgreSQL with the postgres profile), the JDBC token store,
 * and Spring transactions around both. Declared here rather than left to Axon 4.13's auto-configuration, which is
 * ordered against Spring Boot 3 class names and under Boot 4 backs off before the DataSource exists. With Axon
 * Server ({@code axon.axonserver.enabled=true}) the events live there and only the token store stays in JDBC.
 * Tamper evidence (each event's hash chained to the previous event of its aggregate) is kept by the JDBC stores
 * only: Axon Server does not use this engine.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcEventStoreConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        // every event appended carries its tamper-evidence hash (HashChainingEventStorageEngine)
        return new HashChainingEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(defaultSerializer)
                        .eventSerializer(eventSerializer)
                        .upcasterChain(configuration.upcasterChain())
                        .snapshotFilter(configuration.snapshotFilter())
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(new EventSchema()),
                HashChainingEventStorageEngine.DEFAULT_CACHED_AGGREGATES);
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(new TokenSchema())
                .build();
    }
}
