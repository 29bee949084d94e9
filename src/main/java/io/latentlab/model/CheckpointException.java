package io.latentlab.model;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint folder or file that cannot be used; the message names the path and the problem. */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path the offending folder or file
     * @param problem what is wrong with it
     */
    public CheckpointException(Path path, String problem) {
        super(path + ": " + problem);
    }

    /**
     * @param path the offending folder or file
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public CheckpointException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
    }
}
