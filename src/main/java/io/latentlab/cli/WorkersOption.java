package io.latentlab.cli;

import io.latentlab.study.LocalTrialWorkers;

import picocli.CommandLine.Option;

/** The shared {@code --workers N} option: how many fits train side by side on this machine. */
final class WorkersOption {

    @Option(names = "--workers", paramLabel = "N",
            description = "Fits trained side by side, each on its own thread with its share of the cores "
                    + "(default: one per core, ${DEFAULT-VALUE} here; measured fastest, README \"Scaling out\"). "
                    + "1 trains one fit at a time with every core.",
            defaultValue = "${sys:latentlab.defaultWorkers}")
    Integer value;

    static {
        // picocli reads the default from a system property so the help shows this machine's value
        System.setProperty("latentlab.defaultWorkers", Integer.toString(
                LocalTrialWorkers.defaultWorkers(Runtime.getRuntime().availableProcessors())));
    }

    /** @return the number of workers, checked */
    int workers() {
        if (value == null || value < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + value);
        }
        return value;
    }

    /** @return PyTorch threads per worker, so the workers share the cores */
    int threadsPerWorker() {
        return LocalTrialWorkers.threadsPerWorker(Runtime.getRuntime().availableProcessors(),
                workers());
    }
}
