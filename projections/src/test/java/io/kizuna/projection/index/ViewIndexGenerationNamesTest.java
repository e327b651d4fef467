package io.kizuna.projection.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ViewIndexGenerationNamesTest {

    private final ViewIndexNames names = new ViewIndexNames("kizuna-");

    @Test
    void theFirstGenerationIsTheVersionedIndexAndLaterOnesCarryTheirNumber() {
        assertThat(names.generation(ViewIndex.PROFILES, 1)).isEqualTo("kizuna-profiles-v2");
        assertThat(names.generation(ViewIndex.PROFILES, 3)).isEqualTo("kizuna-profiles-v2-g3");
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-profiles-v2")).isEqualTo(OptionalInt.of(1));
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-profiles-v2-g3"))
                .isEqualTo(OptionalInt.of(3));
    }

    @Test
    void indicesOfOtherVersionsOrViewsHaveNoGeneration() {
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-profiles-v1")).isEmpty();
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-profiles-v20"))
                .isEmpty();
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-timeline-v1")).isEmpty();
        assertThat(names.generationOf(ViewIndex.PROFILES, "kizuna-profiles-v2-gx"))
                .isEmpty();
    }
}
