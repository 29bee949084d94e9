package io.latentlab.cli;

import io.latentlab.data.MnistData;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The shared {@code --data DIR} option. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four IDX files (default: the shipped MNIST in assets/mnist).")
    Path dir;

    Path resolve() {
        return dir != null ? dir : MnistData.defaultDir();
    }

    MnistData load() throws IOException {
        return MnistData.load(resolve());
    }
}
