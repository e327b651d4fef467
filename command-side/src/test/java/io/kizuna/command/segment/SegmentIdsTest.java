package io.kizuna.command.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentIdsTest {

    @Test
    void aLatinNameBecomesLowerSnakeCase() {
        assertThat(SegmentIds.fromName("Frequent buyers (90 days)")).isEqualTo("frequent_buyers_90_days");
        assertThat(SegmentIds.fromName("  Café fans! ")).isEqualTo("cafe_fans");
        assertThat(SegmentIds.fromName("ＶＩＰ")).isEqualTo("vip");
        assertThat(SegmentIds.fromName("2026 cohort")).isEqualTo("segment_2026_cohort");
    }

    @Test
    void aNameWithLettersAnIdCannotSpellGetsAHashSoNamesDoNotCollide() {
        String japanese = SegmentIds.fromName("優良顧客");
        String other = SegmentIds.fromName("休眠顧客");
        String mixed = SegmentIds.fromName("VIP 顧客");

        assertThat(japanese).matches("segment_[0-9a-f]{8}");
        assertThat(other).matches("segment_[0-9a-f]{8}").isNotEqualTo(japanese);
        assertThat(mixed).matches("vip_[0-9a-f]{8}");
        assertThat(SegmentIds.fromName("優良顧客")).isEqualTo(japanese);
    }

    @Test
    void generatedIdsAreValidAndAtMost64Characters() {
        String id = SegmentIds.fromName("a very long name ".repeat(10) + "顧客");

        assertThat(id).hasSizeLessThanOrEqualTo(64);
        assertThat(SegmentIds.isValid(id)).isTrue();
    }
}
