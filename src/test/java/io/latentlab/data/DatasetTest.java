package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Five 2x3 images; pixel (i, r, c) = i + r/10 + c/100 so every value is recognisable. */
    private static Dataset five() {
        float[] px = new float[5 * 6];
        for (int i = 0; i < 5; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    px[i * 6 + r * 3 + c] = i + r / 10f + c / 100f;
                }
            }
        }
        return new Dataset("toy", px, new byte[] {3, 1, 4, 1, (byte) 250}, 2, 3);
    }

    @Test
    void basicAccessors() {
        Dataset ds = five();

        assertThat(ds.name()).isEqualTo("toy");
        assertThat(ds.size()).isEqualTo(5);
        assertThat(ds.rows()).isEqualTo(2);
        assertThat(ds.cols()).isEqualTo(3);
        assertThat(ds.pixelsPerImage()).isEqualTo(6);
        assertThat(ds.label(2)).isEqualTo(4);
        assertThat(ds.label(4)).isEqualTo(250); // unsigned
        assertThat(ds.offset(3)).isEqualTo(18);
        assertThat(ds.pixel(3, 1, 2)).isEqualTo(3 + 0.1f + 0.02f);
        assertThat(ds.copyImage(1)).containsExactly(
                1f, 1 + 0.01f, 1 + 0.02f, 1 + 0.1f, 1 + 0.1f + 0.01f, 1 + 0.1f + 0.02f);
    }

    @Test
    void sliceSharesTheBackingArray() {
        Dataset ds = five();

        Dataset slice = ds.slice(1, 4);

        assertThat(slice.backingArray()).isSameAs(ds.backingArray());
        assertThat(slice.size()).isEqualTo(3);
        assertThat(slice.offset(0)).isEqualTo(6);
        assertThat(slice.offset(2)).isEqualTo(18);
        assertThat(slice.label(0)).isEqualTo(1);
        assertThat(slice.label(1)).isEqualTo(4);
        assertThat(slice.pixel(1, 0, 1)).isEqualTo(2 + 0.01f);

        Dataset inner = slice.slice(1, 2);
        assertThat(inner.backingArray()).isSameAs(ds.backingArray());
        assertThat(inner.offset(0)).isEqualTo(12);
        assertThat(inner.label(0)).isEqualTo(4);
        assertThat(ds.slice(2, 2).size()).isZero();
    }

    @Test
    void subsetCopies() {
        Dataset ds = five();

        Dataset sub = ds.slice(1, 5).subset(new int[] {3, 0, 3});

        assertThat(sub.backingArray()).isNotSameAs(ds.backingArray()).hasSize(18);
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.offset(1)).isEqualTo(6);
        assertThat(sub.label(0)).isEqualTo(250);
        assertThat(sub.label(1)).isEqualTo(1);
        assertThat(sub.copyImage(0)).containsExactly(ds.copyImage(4));
        assertThat(sub.copyImage(1)).containsExactly(ds.copyImage(1));
        assertThat(sub.copyImage(2)).containsExactly(ds.copyImage(4));

        sub.backingArray()[0] = -1f;
        assertThat(ds.pixel(4, 0, 0)).isEqualTo(4f);
    }

    @Test
    void boundsMessages() {
        Dataset slice = five().slice(1, 3);

        assertThatThrownBy(() -> slice.label(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("image index 2 out of bounds for dataset 'toy' of size 2");
        assertThatThrownBy(() -> slice.offset(-1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("image index -1 out of bounds for dataset 'toy' of size 2");
        assertThatThrownBy(() -> slice.pixel(0, 2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("pixel (2, 0) out of bounds for 2x3 image");
        assertThatThrownBy(() -> slice.slice(1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("slice [1, 3) out of bounds for dataset 'toy' of size 2");
        assertThatThrownBy(() -> slice.slice(2, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> slice.subset(new int[] {0, 5}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("image index 5");
        assertThatThrownBy(() -> slice.copyImage(2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void constructorChecksLengths() {
        assertThatThrownBy(() -> new Dataset("bad", new float[11], new byte[2], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixels has 11 values but 2 labels of 2x3 need 12");
        assertThatThrownBy(() -> new Dataset("bad", new float[0], new byte[0], 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
