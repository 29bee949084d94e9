package io.latentlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is missing, corrupt or not what it claims to be; the message names the file. */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /** Creates an exception whose message is {@code file + ": " + problem}. */
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    IdxFormatException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
