package io.kizuna.bench.ceiling;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Message;
import io.kizuna.bench.platform.BenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw insert rate of PostgreSQL on this machine, the ceiling of the event store: the same event rows (a table
 * shaped like Axon's {@code domain_event_entry}, {@code bytea} JSON payload and metadata, a {@code bigserial} global
 * index, the unique keys) written with plain batched JDBC ({@code reWriteBatchedInserts}) by {@code clients}
 * connections into a scratch database that is created for the measurement and dropped after it.
 */
public final class PostgresCeiling {

    private static final String TABLE =
            """
            CREATE TABLE domain_event_entry (
              global_index BIGSERIAL PRIMARY KEY,
              event_identifier VARCHAR(255) NOT NULL UNIQUE,
              aggregate_identifier VARCHAR(255) NOT NULL,
              sequence_number BIGINT NOT NULL,
              type VARCHAR(255),
              time_stamp VARCHAR(255) NOT NULL,
              payload_type VARCHAR(255) NOT NULL,
              payload_revision VARCHAR(255),
              payload BYTEA NOT NULL,
              meta_data BYTEA,
              UNIQUE (aggregate_identifier, sequence_number))""";
    private static final String INSERT =
            "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** @param bytesPerRow average payload plus metadata bytes */
    public record Result(long rows, double seconds, double rowsPerSecond, double bytesPerRow, String database) {}

    private final String url;
    private final String user;
    private final String password;

    public PostgresCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Result run(Dataset data, long rows, int clients, int batchSize) throws InterruptedException {
        String database = "kizuna_bench_ceiling_" + Long.toHexString(System.nanoTime());
        try (Connection admin = connect(url)) {
            admin.setAutoCommit(true);
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new BenchException(
                    "cannot create a scratch database through " + url + " (" + e.getMessage()
                            + "): give --postgres-url, --postgres-user, --postgres-password of a role allowed to CREATE DATABASE",
                    e);
        }
        String scratch = scratchUrl(url, database);
        try {
            try (Connection c = connect(scratch);
                    Statement s = c.createStatement()) {
                s.execute(TABLE);
            }
            EventRows shapes = new EventRows(data);
            AtomicLong next = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < clients; w++) {
                    workers.add(pool.submit(() -> {
                        insert(scratch, shapes, rows, batchSize, next, bytes);
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new BenchException("the PostgreSQL ceiling failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(rows, seconds, rows / seconds, (double) bytes.get() / rows, database);
        } catch (SQLException e) {
            throw new BenchException("the PostgreSQL ceiling failed: " + e.getMessage(), e);
        } finally {
            drop(database);
        }
    }

    private void insert(String scratch, EventRows shapes, long rows, int batchSize, AtomicLong next, AtomicLong bytes)
            throws SQLException {
        try (Connection c = connect(scratch + (scratch.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            while (true) {
                long from = next.getAndAdd(batchSize);
                if (from >= rows) {
                    return;
                }
                long to = Math.min(rows, from + batchSize);
                Instant now = Instant.now();
                for (long i = from; i < to; i++) {
                    Message m = shapes.touchpoint(i);
                    byte[] payload = shapes.payload(m, now);
                    byte[] meta = shapes.metadata(m, i);
                    bytes.addAndGet(payload.length + meta.length);
                    insert.setString(1, new UUID(i, 42).toString());
                    // one aggregate per generated customer, sequence numbers made unique per row index
                    insert.setString(2, shapes.customerId(m));
                    insert.setLong(3, i);
                    insert.setString(4, "Customer");
                    insert.setString(5, now.toString());
                    insert.setString(6, "io.kizuna.api.touchpoint.TouchpointRecorded");
                    insert.setString(7, "2");
                    insert.setBytes(8, payload);
                    insert.setBytes(9, meta);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            }
        }
    }

    private void drop(String database) {
        try (Connection admin = connect(url);
                Statement s = admin.createStatement()) {
            admin.setAutoCommit(true);
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("kizuna bench: could not drop the scratch database " + database + ": " + e.getMessage());
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** The same server URL with another database name. */
    static String scratchUrl(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + params;
        }
        return base.substring(0, slash + 1) + database + params;
    }
}
