package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparing two grid searches fit by fit (shared by the tests of local and cluster runs). */
public final class ParallelGridSearchTestSupport {

    private ParallelGridSearchTestSupport() {}

    /**
     * Asserts the same settings with the same curves, to the last bit.
     *
     * @param a one search
     * @param b the other
     */
    public static void assertSameCurves(GridSearch.Result a, GridSearch.Result b) {
        assertThat(a.settings()).hasSameSizeAs(b.settings());
        for (int i = 0; i < a.settings().size(); i++) {
            GridSearch.SettingResult x = a.settings().get(i);
            GridSearch.SettingResult y = b.settings().get(i);
            assertThat(x.label()).isEqualTo(y.label());
            for (int f = 0; f < x.folds().size(); f++) {
                assertThat(x.folds().get(f).train()).as(x.label() + " fold " + f + " train")
                        .containsExactly(y.folds().get(f).train());
                assertThat(x.folds().get(f).validation()).as(x.label() + " fold " + f + " val")
                        .containsExactly(y.folds().get(f).validation());
            }
        }
    }
}
