package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;

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
}
