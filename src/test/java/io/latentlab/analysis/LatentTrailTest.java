package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.data.Dataset;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.training.TrainingEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LatentTrailTest {

    private static Dataset test;

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        test = io.latentlab.data.TestMnist.shipped().test().slice(0, 300);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void eachEpochIsTurnedToMatchTheOneBefore() {
        try (Autoencoder first = Autoencoder.create(4, 1);
                Autoencoder second = Autoencoder.create(4, 2)) {
            LatentTrail trail = new LatentTrail(test, 200);

            TrainingEvent.LatentSnapshot a = trail.take(first, 1, null);
            TrainingEvent.LatentSnapshot b = trail.take(second, 2, a.xy());

            // the first epoch is the PCA plane itself; the second, that plane turned onto it
            float[] codesA = LatentCodes.encode(first, test.slice(0, 200), 64).codes();
            assertThat(a.xy()).containsExactly(Pca.fit(codesA, 200, 4).project(codesA, 200, 2),
                    within(1e-5f));
            float[] codesB = LatentCodes.encode(second, test.slice(0, 200), 64).codes();
            float[] raw = Pca.fit(codesB, 200, 4).project(codesB, 200, 2);
            assertThat(b.xy()).containsExactly(Procrustes.align(raw, a.xy(), 200, 2),
                    within(1e-5f));
            assertThat(distance(b.xy(), a.xy())).isLessThanOrEqualTo(distance(raw, a.xy()));
            assertThat(b.epoch()).isEqualTo(2);
            assertThat(b.labels()).hasSize(200).startsWith(7, 2, 1, 0, 4);
        }
    }
}
