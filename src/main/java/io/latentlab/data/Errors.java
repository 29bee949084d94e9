package io.latentlab.data;

import java.io.EOFException;

/** One-line descriptions of exceptions for user-facing messages. */
public final class Errors {

    private Errors() {}

    /**
     * The exception's message, or when it has none (many JDK exceptions, an EOFException among
     * them, carry none) a short description from its type, so no message ends in "null".
     *
     * @param e the exception
     * @return a non-empty description
     */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            return m;
        }
        if (e instanceof EOFException) {
            return "unexpected end of file";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory";
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            return e.getClass().getSimpleName() + ": " + describe(cause);
        }
        return e.getClass().getSimpleName();
    }
}
