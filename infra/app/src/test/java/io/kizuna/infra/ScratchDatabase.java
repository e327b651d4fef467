package io.kizuna.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of a test's own on the local server (127.0.0.1:5432, user postgres, trust auth): made before
 * the test class, dropped after it, so no run depends on what another left behind.
 */
public final class ScratchDatabase {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private ScratchDatabase(String name) {
        this.name = name;
    }

    /** A fresh name with {@code prefix} (lower case letters, digits and '_'); nothing is made yet. */
    public static ScratchDatabase named(String prefix) {
        return new ScratchDatabase(
                prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public String name() {
        return name;
    }

    public String url() {
        return SERVER + name;
    }

    public void create() throws SQLException {
        execute("CREATE DATABASE " + name);
    }

    /** Drops it, closing any connection still open to it. */
    public void drop() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
