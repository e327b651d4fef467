package io.kizuna.cli.importing.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CsvMappingTest {

    private static final List<String> HEADER =
            List.of("customer_id", "anon", "action", "at", "amount", "currency", "x");

    private static CsvMapping bound(String spec) {
        CsvMapping mapping = CsvMapping.parse(spec);
        mapping.bind(HEADER);
        return mapping;
    }

    @Test
    void aRowBecomesATrackCallWithTheMappedColumnsOnly() {
        CsvMapping mapping = bound("userId=customer_id,event=action,timestamp=at,"
                + "properties.revenue=amount,properties.currency=currency");
        ObjectNode call = mapping.toTrack(
                List.of("C-1", "", "Order Completed", "2026-11-20T10:00:00+09:00", "39.80", "EUR", "ignored"));
        assertThat(call.toString())
                .isEqualTo("{\"type\":\"track\",\"userId\":\"C-1\",\"event\":\"Order Completed\","
                        + "\"timestamp\":\"2026-11-20T10:00:00+09:00\","
                        + "\"properties\":{\"revenue\":\"39.80\",\"currency\":\"EUR\"}}");
    }

    @Test
    void emptyCellsAreLeftOut() {
        CsvMapping mapping = bound("userId=customer_id,anonymousId=anon,event=action,properties.revenue=amount");
        ObjectNode call = mapping.toTrack(List.of("", "a-1", "Viewed", "", "", "", ""));
        assertThat(call.has("userId")).isFalse();
        assertThat(call.get("anonymousId").asString()).isEqualTo("a-1");
        assertThat(call.has("properties")).isFalse();
    }

    @Test
    void aRowThatCannotBecomeACallSaysWhichMappingIsMissing() {
        CsvMapping mapping = bound("userId=customer_id,event=action");
        assertThatThrownBy(() -> mapping.toTrack(List.of("C-1", "", " ", "", "", "", "")))
                .hasMessage("no event: column 'action' (event=action) is empty");
        assertThatThrownBy(() -> mapping.toTrack(List.of("", "", "Viewed", "", "", "", "")))
                .hasMessageContaining("column 'customer_id' (userId=customer_id) is empty")
                .hasMessageContaining("add anonymousId=<column> to --map");
    }

    @Test
    void mappingMistakesAreExplained() {
        assertThatThrownBy(() -> CsvMapping.parse("userId=customer_id")).hasMessageContaining("no event=<column>");
        assertThatThrownBy(() -> CsvMapping.parse("event=action"))
                .hasMessageContaining("neither userId=<column> nor anonymousId=<column>");
        assertThatThrownBy(() -> CsvMapping.parse("event=action,email=mail,userId=u"))
                .hasMessageContaining("unknown field 'email'");
        assertThatThrownBy(() -> CsvMapping.parse("event")).hasMessageContaining("is not field=column");
        assertThatThrownBy(() -> bound("userId=customer,event=action"))
                .hasMessageContaining("the header has no column 'customer'")
                .hasMessageContaining("customer_id, anon, action");
    }

    @Test
    void theSpecIsNormalised() {
        assertThat(CsvMapping.parse(" userId = customer_id , event=action,").spec())
                .isEqualTo("userId=customer_id,event=action");
    }
}
