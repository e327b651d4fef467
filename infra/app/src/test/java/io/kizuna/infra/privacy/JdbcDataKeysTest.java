package io.kizuna.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class JdbcDataKeysTest {

    private DriverManagerDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private JdbcDataKeys node() throws Exception {
        JdbcDataKeys keys = new JdbcDataKeys(dataSource, Duration.ofMinutes(1), 100);
        keys.afterPropertiesSet();
        return keys;
    }

    @Test
    void aKeyIsMadeOnceAndFoundByEveryNode() throws Exception {
        JdbcDataKeys first = node();
        JdbcDataKeys second = node();

        assertThat(first.forOpening("c-1")).isNull();
        DataKey made = first.forSealing("c-1");

        assertThat(first.forSealing("c-1")).isEqualTo(made);
        assertThat(second.forOpening("c-1")).isEqualTo(made);
        assertThat(second.forSealing("c-1")).isEqualTo(made);
        assertThat(made.key().getEncoded()).hasSize(32);
    }

    @Test
    void aDestroyedKeyIsNeverUsedAgainNorMadeAnewAlsoAfterARestart() throws Exception {
        JdbcDataKeys node = node();
        DataKey key = node.forSealing("c-1");
        assertThat(node().forOpeningById(key.keyId())).isEqualTo(key);

        node.shred("c-1");
        node.shred("c-1");

        assertThat(node.isDestroyed("c-1")).isTrue();
        assertThat(node.forSealing("c-1")).isNull();
        assertThat(node.forOpening("c-1")).isNull();
        assertThat(node.forOpeningById(key.keyId())).isNull();
        JdbcDataKeys restarted = node();
        assertThat(restarted.isDestroyed("c-1")).isTrue();
        assertThat(restarted.forSealing("c-1")).isNull();
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT COUNT(*) FROM customer_data_keys WHERE data_key IS NOT NULL OR key_id IS NOT NULL",
                                Long.class))
                .isZero();
    }

    @Test
    void aCustomerForgottenBeforeItHadAKeyNeverGetsOne() throws Exception {
        JdbcDataKeys node = node();

        node.shred("c-2");

        assertThat(node().forSealing("c-2")).isNull();
        assertThat(node().isDestroyed("c-2")).isTrue();
    }
}
