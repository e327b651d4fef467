package io.kizuna.query.verification;

import io.kizuna.api.history.HistoryHash;
import io.kizuna.api.history.HistoryHash.StoredEvent;
import io.kizuna.api.history.HistoryVerification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain of one customer's stored events ({@link HistoryHash}), reading the rows of the event
 * table as they are: no upcaster or serializer stands between the stored bytes and the check, so a rewrite on read
 * cannot hide a change in the table. The chain holds when the sequence numbers run from 0 without a gap, every event
 * carries a hash, and every hash recomputed from the row and the previous event's hash equals the stored one. Only
 * with the JDBC event stores (H2, PostgreSQL), which write the hashes; Axon Server keeps its own store.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
public class HistoryVerifier {

    /** The aggregate type of customers in the event table. */
    public static final String CUSTOMER = "Customer";

    private static final String EVENTS_OF_AGGREGATE = "SELECT globalIndex, eventIdentifier, aggregateIdentifier,"
            + " sequenceNumber, type, payloadType, payloadRevision, timeStamp, payload, metaData"
            + " FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public HistoryVerifier(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(100);
        this.serializer = serializer;
    }

    /** The chain of the customer's own events; empty when the store holds no customer with this id. */
    public Optional<HistoryVerification> verify(String customerId) {
        Chain chain = new Chain();
        jdbc.query(EVENTS_OF_AGGREGATE, chain, customerId);
        return chain.customer ? Optional.of(chain.outcome()) : Optional.empty();
    }

    /** Follows the rows of one aggregate in sequence order; remembers the first that breaks the chain. */
    private final class Chain implements RowCallbackHandler {

        private long checked;
        private long expectedSequence;
        private String previousHash = HistoryHash.NONE;
        private boolean customer;
        private Long brokenPosition;
        private Long brokenSequence;
        private String reason;

        @Override
        public void processRow(ResultSet row) throws SQLException {
            checked++;
            long position = row.getLong("globalIndex");
            long sequence = row.getLong("sequenceNumber");
            String aggregateType = row.getString("type");
            customer |= CUSTOMER.equals(aggregateType);
            byte[] payload = row.getBytes("payload");
            StoredEvent event = new StoredEvent(
                    aggregateType,
                    row.getString("aggregateIdentifier"),
                    sequence,
                    row.getString("eventIdentifier"),
                    row.getString("payloadType"),
                    row.getString("payloadRevision"),
                    row.getString("timeStamp"),
                    payload == null ? new byte[0] : payload);
            String stored = null;
            String failure = null;
            if (sequence > expectedSequence) {
                failure = sequence - expectedSequence == 1
                        ? "event " + expectedSequence + " of this history is missing (deleted from the store)"
                        : "events " + expectedSequence + " to " + (sequence - 1)
                                + " of this history are missing (deleted from the store)";
            } else if (sequence < expectedSequence) {
                failure = "sequence " + sequence + " appears twice";
            }
            try {
                stored = storedHash(row.getBytes("metaData"));
                if (failure == null && stored == null) {
                    failure = "the event carries no hash";
                }
            } catch (RuntimeException unreadable) {
                if (failure == null) {
                    failure = "the event's metadata cannot be read";
                }
            }
            if (failure == null && !HistoryHash.of(previousHash, event).equals(stored)) {
                failure = "the stored event does not match its hash: it, or its link to the event before it, was"
                        + " altered";
            }
            if (failure != null && reason == null) {
                brokenPosition = position;
                brokenSequence = sequence;
                reason = failure;
            }
            previousHash = stored == null ? HistoryHash.NONE : stored;
            expectedSequence = Math.max(expectedSequence, sequence + 1);
        }

        HistoryVerification outcome() {
            return reason == null
                    ? HistoryVerification.intact(checked)
                    : HistoryVerification.broken(checked, brokenPosition, brokenSequence, reason);
        }
    }

    private String storedHash(byte[] metaData) {
        if (metaData == null) {
            return null;
        }
        MetaData values = serializer.deserialize(new SerializedMetaData<>(metaData, byte[].class));
        Object hash = values.get(HistoryHash.METADATA_KEY);
        return hash == null ? null : hash.toString();
    }
}
