package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void describesExceptionsWithoutAMessage() {
        assertThat(Errors.describe(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(Errors.describe(new EOFException())).isEqualTo("unexpected end of file");
        assertThat(Errors.describe(new IOException(" "))).isEqualTo("IOException");
        assertThat(Errors.describe(new OutOfMemoryError())).isEqualTo("out of memory");
        assertThat(Errors.describe(new NullPointerException())).isEqualTo("NullPointerException");
        RuntimeException wrapped = new RuntimeException(null, new EOFException());
        assertThat(Errors.describe(wrapped)).isEqualTo("RuntimeException: unexpected end of file");
    }
}
