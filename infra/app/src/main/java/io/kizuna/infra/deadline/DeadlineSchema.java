package io.kizuna.infra.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates db-scheduler's {@code scheduled_tasks} table and its indices if they are missing, at start-up, before the
 * deadline manager can schedule anything (db-scheduler creates no tables itself). The columns are db-scheduler 16's
 * own: PostgreSQL gets its published DDL; H2 the same with VARCHAR and BLOB, since H2 is not one of the databases
 * db-scheduler knows and timestamps must then be {@code TIMESTAMP WITH TIME ZONE}.
 */
public class DeadlineSchema implements InitializingBean {

    /** db-scheduler's default table name, which the scheduler is built with. */
    public static final String TABLE = "scheduled_tasks";

    private static final Logger log = LoggerFactory.getLogger(DeadlineSchema.class);

    private static final String POSTGRES_TABLE =
            """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name TEXT NOT NULL,
              task_instance TEXT NOT NULL,
              task_data BYTEA,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by TEXT,
              last_success TIMESTAMP WITH TIME ZONE,
              last_failure TIMESTAMP WITH TIME ZONE,
              consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""";

    private static final String H2_TABLE =
            """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name VARCHAR(255) NOT NULL,
              task_instance VARCHAR(255) NOT NULL,
              task_data BLOB,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by VARCHAR(255),
              last_success TIMESTAMP WITH TIME ZONE,
              last_failure TIMESTAMP WITH TIME ZONE,
              consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""";

    private static final List<String> INDICES = List.of(
            "CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time)",
            "CREATE INDEX IF NOT EXISTS scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
            "CREATE INDEX IF NOT EXISTS scheduled_tasks_priority_execution_time_idx"
                    + " ON scheduled_tasks (priority DESC, execution_time ASC)");

    private final DataSource dataSource;
    private boolean postgres;

    public DeadlineSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
            statement.execute(postgres ? POSTGRES_TABLE : H2_TABLE);
            for (String index : INDICES) {
                statement.execute(index);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            log.info("Deadline table {} ready on {}", TABLE, postgres ? "PostgreSQL" : "H2");
        }
    }

    /** Whether the table is on PostgreSQL (otherwise H2); known once the table is ready. */
    public boolean isPostgres() {
        return postgres;
    }
}
