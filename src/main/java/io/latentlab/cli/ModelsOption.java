package io.latentlab.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

/** The shared, repeatable {@code --model DIR} of the commands that compare saved models. */
final class ModelsOption {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder (repeatable).")
    List<Path> dirs;
}
