package io.latentlab.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which guide page belongs to what is on screen, and the pages' length. */
class GuidePageTest {

    @Test
    void eachViewAndStudyTabHasItsPage() {
        assertThat(GuidePage.forView(0, 2)).isEqualTo(GuidePage.TRAIN);
        assertThat(GuidePage.forView(1, 2)).isEqualTo(GuidePage.RECONSTRUCT);
        assertThat(GuidePage.forView(2, 0)).isEqualTo(GuidePage.LATENT);
        assertThat(GuidePage.forView(3, 0)).isEqualTo(GuidePage.GRID);
        assertThat(GuidePage.forView(3, 1)).isEqualTo(GuidePage.ED);
        assertThat(GuidePage.forView(3, 2)).isEqualTo(GuidePage.NOISE);
        assertThat(GuidePage.forView(3, 3)).isEqualTo(GuidePage.METRICS);
        assertThat(GuidePage.forView(3, -1)).isEqualTo(GuidePage.GRID);
        assertThat(GuidePage.forView(-1, -1)).isEqualTo(GuidePage.TRAIN);
    }

    @Test
    void everyViewPageAsksItsQuestionAndStaysShort() {
        for (GuidePage p : GuidePage.values()) {
            assertThat(p.title()).isNotBlank();
            if (p == GuidePage.SHORTCUTS) {
                assertThat(p.question()).isEmpty();
                continue;
            }
            assertThat(p.question()).as(p.name()).contains("?").doesNotContain("\n");
            assertThat(p.shows()).as(p.name()).isNotEmpty();
            assertThat(p.use()).as(p.name()).isNotEmpty();
            // 5 to 8 lines on screen: the question and at most 7 points
            assertThat(p.shows().size() + p.use().size()).as(p.name()).isLessThanOrEqualTo(7);
        }
    }
}
