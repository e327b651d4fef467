package io.kizuna.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.history.HistoryHash.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryHashTest {

    private static final String PREVIOUS = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static StoredEvent event() {
        return new StoredEvent(
                "Customer",
                "c-1",
                3,
                "e-1",
                "io.kizuna.api.customer.TouchpointRecorded",
                "1",
                "2026-10-01T10:00:00.123Z",
                "{\"type\":\"purchase\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sameEventAndPreviousHashGiveTheSameHash() {
        assertThat(HistoryHash.of(PREVIOUS, event())).isEqualTo(HistoryHash.of(PREVIOUS, event()));
        assertThat(HistoryHash.of(PREVIOUS, event())).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theCanonicalFormIsLengthPrefixedFieldsInTheDocumentedOrder() throws Exception {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        for (String text : List.of(
                "kizuna-history-hash/1",
                PREVIOUS,
                "Customer",
                "c-1",
                "3",
                "e-1",
                "io.kizuna.api.customer.TouchpointRecorded",
                "1",
                "2026-10-01T10:00:00.123Z",
                "{\"type\":\"purchase\"}")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            form.write(ByteBuffer.allocate(4).putInt(bytes.length).array());
            form.write(bytes);
        }
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(form.toByteArray()));

        assertThat(HistoryHash.of(PREVIOUS, event())).isEqualTo(expected);
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        StoredEvent e = event();
        byte[] flipped = e.payload().clone();
        flipped[3] ^= 1;
        List<String> hashes = new ArrayList<>(List.of(
                HistoryHash.of(PREVIOUS, e),
                HistoryHash.of(HistoryHash.NONE, e),
                HistoryHash.of(PREVIOUS.replace('9', '8'), e),
                HistoryHash.of(PREVIOUS, with(e, "Account", null, null, null, null, null, null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, "c-2", null, null, null, null, null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, 4L, null, null, null, null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, null, "e-2", null, null, null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, null, null, "x.TraitsChanged", null, null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, null, null, null, "2", null, null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, null, null, null, null, "2026-10-01T10:00:00.124Z", null)),
                HistoryHash.of(PREVIOUS, with(e, null, null, null, null, null, null, null, flipped))));

        assertThat(hashes).doesNotHaveDuplicates();
    }

    @Test
    void movingTextFromOneFieldToTheNextChangesTheHash() {
        StoredEvent e = event();
        StoredEvent typeAndId = with(e, "Customerc", "-1", null, null, null, null, null, null);
        StoredEvent typeAndRevision =
                with(e, null, null, null, null, "io.kizuna.api.customer.TouchpointRecorded1", "", null, null);
        StoredEvent absentRevision = with(e, null, null, null, null, null, "", null, null);

        assertThat(List.of(
                        HistoryHash.of(PREVIOUS, e),
                        HistoryHash.of(PREVIOUS, typeAndId),
                        HistoryHash.of(PREVIOUS, typeAndRevision),
                        HistoryHash.of(PREVIOUS, absentRevision)))
                .doesNotHaveDuplicates();
    }

    @Test
    void anAbsentValueHashesAsEmptyText() {
        StoredEvent e = event();
        StoredEvent noRevision = new StoredEvent(
                e.aggregateType(),
                e.aggregateIdentifier(),
                e.sequenceNumber(),
                e.eventIdentifier(),
                e.payloadType(),
                null,
                e.timestamp(),
                e.payload());

        assertThat(HistoryHash.of(PREVIOUS, noRevision))
                .isEqualTo(HistoryHash.of(PREVIOUS, with(e, null, null, null, null, null, "", null, null)));
    }

    private static StoredEvent with(
            StoredEvent e,
            String type,
            String id,
            Long sequence,
            String eventId,
            String payloadType,
            String revision,
            String timestamp,
            byte[] payload) {
        return new StoredEvent(
                type != null ? type : e.aggregateType(),
                id != null ? id : e.aggregateIdentifier(),
                sequence != null ? sequence : e.sequenceNumber(),
                eventId != null ? eventId : e.eventIdentifier(),
                payloadType != null ? payloadType : e.payloadType(),
                revision != null ? revision : e.payloadRevision(),
                timestamp != null ? timestamp : e.timestamp(),
                payload != null ? payload : e.payload());
    }
}
