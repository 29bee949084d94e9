package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.Noise;

import org.junit.jupiter.api.Test;

class StudyReferenceTest {

    @Test
    void theStudysTestMseAtEd4AndEd32AndNoneElsewhere() {
        assertThat(StudyReference.testMse(4).getAsDouble()).isEqualTo(0.027);
        assertThat(StudyReference.testMse(32).getAsDouble()).isEqualTo(0.0085);
        assertThat(StudyReference.testMse(2)).isEmpty();
        assertThat(StudyReference.testMseOrNaN(16)).isNaN();
        assertThat(StudyReference.testMseOrNaN(32)).isEqualTo(0.0085);
    }

    @Test
    void theStudysOcclusionRowHoldsForEveryRandom14x14Placement() {
        for (Noise.Occlusion.Placement p : Noise.Occlusion.Placement.values()) {
            assertThat(StudyReference.noiseMse(Noise.occlusion(14, p), 4).getAsDouble())
                    .isEqualTo(0.0502);
            assertThat(StudyReference.noiseMse(Noise.occlusion(14, p), 32).getAsDouble())
                    .isEqualTo(0.0329);
            assertThat(StudyReference.noiseMse(Noise.occlusion(14, p), 8)).isEmpty();
        }
        // a fixed position, another size or another noise is not the study's row
        assertThat(StudyReference.noiseMse(new Noise.Occlusion(14, 0, 0), 4)).isEmpty();
        assertThat(StudyReference.noiseMse(Noise.occlusion(10), 4)).isEmpty();
        assertThat(StudyReference.noiseMse(new Noise.Gaussian(0.5), 4)).isEmpty();
        assertThat(StudyReference.noiseTableEds()).containsExactly(4, 32);
    }
}
