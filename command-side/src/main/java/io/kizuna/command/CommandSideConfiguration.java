package io.kizuna.command;

import io.kizuna.command.customer.Customer;
import io.kizuna.command.identity.IdentityHashKey;
import io.kizuna.command.journey.JourneyModelRegistry;
import io.kizuna.command.merge.MergeProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the command side: aggregate caches, the clock, and the identity hash key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MergeProtection.class)
public class CommandSideConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandSideConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The most recently used customers stay in memory ({@code kizuna.command.cached-customers}, default 100,000). */
    @Bean
    Cache customerCache(@Value("${kizuna.command.cached-customers:100000}") long size) {
        return new AggregateCache(size);
    }

    /**
     * Snapshots are taken on a thread of their own, after the command that triggered them has released the customer.
     * Axon's default takes them on the command's thread after its commit, still holding the customer's lock and
     * needing a second connection: with every pooled connection held by commands waiting for that customer, both
     * waited until the pool timed out (seen with sixteen concurrent messages tying one customer).
     */
    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter(@Value("${kizuna.command.snapshot-threads:1}") int threads) {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        AtomicInteger count = new AtomicInteger();
        snapshotter.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kizuna-snapshotter-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
        return snapshotter;
    }

    /**
     * A customer with a long history is stored as a snapshot every {@code kizuna.command.snapshot-threshold} events
     * (default 500), so loading it after a cache eviction replays at most that many events.
     */
    @Bean
    SnapshotTriggerDefinition customerSnapshotTrigger(
            ObjectProvider<Snapshotter> snapshotter, @Value("${kizuna.command.snapshot-threshold:500}") int threshold) {
        Snapshotter available = snapshotter.getIfAvailable();
        return available == null
                ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(available, threshold);
    }

    /** Journey model definitions take effect on this node right after they are committed. */
    @Bean
    ConfigurerModule journeyModelsProcessor() {
        return configurer ->
                configurer.eventProcessing().registerSubscribingEventProcessor(JourneyModelRegistry.PROCESSING_GROUP);
    }

    /** Customer snapshots of another shape than the aggregate's are ignored: the customer is replayed instead. */
    @Bean
    SnapshotFilter customerSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type(Customer.class)
                .revision(Customer.SNAPSHOT_REVISION)
                .build();
    }

    /** Accounts (B2B groups) kept in memory ({@code kizuna.command.cached-accounts}, default 10,000). */
    @Bean
    Cache accountCache(@Value("${kizuna.command.cached-accounts:10000}") long size) {
        return new AggregateCache(size);
    }

    @Bean
    Cache identifierClaimCache(@Value("${kizuna.command.cached-claims:200000}") long size) {
        return new AggregateCache(size);
    }

    /**
     * {@code kizuna.identity.hash-key} (base64, at least 16 bytes) in production; on the embedded default a key is
     * generated once into the data folder, so a local installation keeps finding its claims across restarts.
     */
    @Bean
    @ConditionalOnMissingBean
    IdentityHashKey identityHashKey(
            @Value("${kizuna.identity.hash-key:}") String configured, @Value("${kizuna.data-dir:./data}") Path dataDir)
            throws IOException {
        if (!configured.isBlank()) {
            return new IdentityHashKey(Base64.getDecoder().decode(configured.strip()));
        }
        Path file = dataDir.resolve("identity-hash.key");
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            log.info("Generated a new identity hash key in {}; set kizuna.identity.hash-key in production", file);
        }
        return new IdentityHashKey(
                Base64.getDecoder().decode(Files.readString(file).strip()));
    }
}
