package io.kizuna.infra.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kizuna.command.privacy.CustomerDataShredder;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Customers' data keys in the table {@value #TABLE}, in the event store's database (H2 or PostgreSQL), created at
 * start-up: one random 256-bit AES key per customer, made when its first personal value is sealed. Destroying a key
 * empties its row but keeps it, marked destroyed, so no key is ever made again for that customer (on any node, also
 * after a restart): personal values that arrive for a forgotten customer are stored redacted.
 *
 * <p>A key is made in the transaction of the append that needs it (so a rolled-back append leaves no key behind and
 * needs no second connection); two appends racing for one customer's first key both end with the one that was stored.
 * Look-ups are cached for {@code kizuna.privacy.key-cache-ttl}; a key destroyed on this node is never used again here,
 * and other nodes stop using it within that time.
 */
public class JdbcDataKeys implements PersonalDataCodec.Keys, CustomerDataShredder, InitializingBean {

    public static final String TABLE = "customer_data_keys";
    private static final String SNAPSHOT_TABLE = "SnapshotEventEntry";
    private static final Logger log = LoggerFactory.getLogger(JdbcDataKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A customer's key as looked up: live (key set), destroyed, or none yet (neither). */
    private record Slot(DataKey key, boolean destroyed) {
        static final Slot NONE = new Slot(null, false);
        static final Slot DESTROYED = new Slot(null, true);
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Cache<String, Slot> slots;
    private final Cache<String, DataKey> byKeyId;
    /**
     * Customers whose key this node destroyed or saw destroyed, for good: a look-up that read the live key just before
     * the erasure must not put it back into the cache after it.
     */
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    /** Key ids of destroyed keys (as far as this node knew them), never to be served from the cache again. */
    private final Set<String> destroyedKeyIds = ConcurrentHashMap.newKeySet();

    private boolean postgres;

    public JdbcDataKeys(DataSource dataSource, Duration cacheTtl, long cacheSize) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.slots = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(cacheSize)
                .build();
        this.byKeyId = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(cacheSize)
                .build();
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        }
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (customer_id VARCHAR(64) PRIMARY KEY, "
                + "key_id VARCHAR(64), data_key " + (postgres ? "BYTEA" : "VARBINARY(64)") + ", "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, destroyed_at TIMESTAMP WITH TIME ZONE)");
        jdbc.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_key_id ON " + TABLE + " (key_id)");
        log.info("Data key table {} ready on {}", TABLE, postgres ? "PostgreSQL" : "H2");
    }

    @Override
    public DataKey forSealing(String customerId) {
        if (destroyed.contains(customerId)) {
            return null;
        }
        Slot slot = slots.getIfPresent(customerId);
        if (slot == null || (slot.key() == null && !slot.destroyed())) {
            slot = load(customerId);
            if (slot == Slot.NONE) {
                slot = create(customerId);
            }
            slot = remember(customerId, slot);
        }
        return slot.key();
    }

    @Override
    public DataKey forOpening(String customerId) {
        if (destroyed.contains(customerId)) {
            return null;
        }
        Slot slot = slots.getIfPresent(customerId);
        if (slot == null || slot == Slot.NONE) {
            // a key may have been made since (on another node): look again before giving up
            slot = remember(customerId, load(customerId));
        }
        return slot.key();
    }

    /** Caches what was looked up, unless the customer's key was destroyed meanwhile (then that is the answer). */
    private Slot remember(String customerId, Slot slot) {
        if (slot.destroyed()) {
            destroyed.add(customerId);
        }
        Slot kept = slots.asMap().merge(customerId, slot, (old, found) -> old.destroyed() ? old : found);
        return destroyed.contains(customerId) ? Slot.DESTROYED : kept;
    }

    @Override
    public DataKey forOpeningById(String keyId) {
        if (keyId == null) {
            return null;
        }
        if (destroyedKeyIds.contains(keyId)) {
            return null;
        }
        DataKey cached = byKeyId.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        List<DataKey> found = jdbc.query(
                "SELECT data_key FROM " + TABLE + " WHERE key_id = ? AND destroyed_at IS NULL",
                (rs, row) -> new DataKey(keyId, new SecretKeySpec(rs.getBytes("data_key"), "AES")),
                keyId);
        if (found.isEmpty()) {
            return null;
        }
        if (!destroyedKeyIds.contains(keyId)) {
            byKeyId.put(keyId, found.get(0));
        }
        return found.get(0);
    }

    @Override
    public boolean isDestroyed(String customerId) {
        if (destroyed.contains(customerId)) {
            return true;
        }
        Slot slot = slots.getIfPresent(customerId);
        return (slot == null ? remember(customerId, load(customerId)) : slot).destroyed();
    }

    /**
     * Destroys the customer's key and its id (the row stays, marked destroyed, so that no key is made again; without
     * the key id nothing sealed with it leads back to the customer) and drops the customer's snapshots. Idempotent.
     */
    @Override
    public void shred(String customerId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        destroyed.add(customerId);
        Slot before = slots.getIfPresent(customerId);
        if (before != null && before.key() != null) {
            destroyedKeyIds.add(before.key().keyId());
        }
        slots.put(customerId, Slot.DESTROYED);
        destroyedKeyIds.addAll(jdbc.queryForList(
                "SELECT key_id FROM " + TABLE + " WHERE customer_id = ? AND key_id IS NOT NULL",
                String.class,
                customerId));
        String destroy = "UPDATE " + TABLE + " SET data_key = NULL, key_id = NULL,"
                + " destroyed_at = COALESCE(destroyed_at, ?) WHERE customer_id = ?";
        if (jdbc.update(destroy, now, customerId) == 0) {
            // no row seen: insert a destroyed one; a key a concurrent first append is inserting right now makes the
            // insert do nothing once that append commits, so destroy again, and check
            insert(customerId, null, null, now, now);
            jdbc.update(destroy, now, customerId);
        }
        List<Object> stillLive = jdbc.queryForList(
                "SELECT customer_id FROM " + TABLE + " WHERE customer_id = ? AND destroyed_at IS NULL",
                Object.class,
                customerId);
        if (!stillLive.isEmpty()) {
            throw new IllegalStateException("the data key of customer " + customerId + " could not be destroyed");
        }
        // which key id was the customer's is gone with it: forget every id looked up here
        byKeyId.invalidateAll();
        int snapshots = 0;
        try {
            snapshots = jdbc.update("DELETE FROM " + SNAPSHOT_TABLE + " WHERE aggregateIdentifier = ?", customerId);
        } catch (DataAccessException e) {
            // with Axon Server the snapshots live there, not in this database
            log.debug("No snapshot table to drop snapshots of customer {} from", customerId, e);
        }
        slots.put(customerId, Slot.DESTROYED);
        log.info("Data key of customer {} destroyed; {} snapshots dropped", customerId, snapshots);
    }

    private Slot load(String customerId) {
        List<Slot> found = jdbc.query(
                "SELECT key_id, data_key, destroyed_at FROM " + TABLE + " WHERE customer_id = ?",
                (rs, row) -> {
                    if (rs.getObject("destroyed_at") != null) {
                        return Slot.DESTROYED;
                    }
                    byte[] key = rs.getBytes("data_key");
                    return new Slot(new DataKey(rs.getString("key_id"), new SecretKeySpec(key, "AES")), false);
                },
                customerId);
        return found.isEmpty() ? Slot.NONE : found.get(0);
    }

    private Slot create(String customerId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert(customerId, newKeyId(), key, now, null);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a key made in a transaction that rolls back was never stored: forget it here too
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        slots.invalidate(customerId);
                    }
                }
            });
        }
        Slot stored = load(customerId);
        if (stored == Slot.NONE) {
            throw new IllegalStateException("the data key of customer " + customerId + " was not stored");
        }
        return stored;
    }

    /** Inserts a row unless the customer has one (a racer's key, or a destroyed one, wins). */
    private void insert(
            String customerId, String keyId, byte[] key, OffsetDateTime createdAt, OffsetDateTime destroyedAt) {
        String columns = " (customer_id, key_id, data_key, created_at, destroyed_at) VALUES (?, ?, ?, ?, ?)";
        try {
            // on PostgreSQL a failed statement would abort the append's transaction: let the insert do nothing instead
            jdbc.update(
                    "INSERT INTO " + TABLE + columns + (postgres ? " ON CONFLICT (customer_id) DO NOTHING" : ""),
                    customerId,
                    keyId,
                    key,
                    createdAt,
                    destroyedAt);
        } catch (DuplicateKeyException e) {
            // H2: a racer stored the customer's row first; its key is the one
        }
    }

    private static String newKeyId() {
        return UUID.randomUUID().toString();
    }
}
