package io.latentlab.cli;

import io.latentlab.data.IdxFormatException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The headless command line: training, evaluation, benchmark and the study's tools. */
@Command(name = "latent-lab", mixinStandardHelpOptions = true,
        versionProvider = LatentLabCli.Version.class,
        description = "Latent Lab: a convolutional autoencoder on MNIST. Without a subcommand "
                + "the desktop app opens.",
        subcommands = {InfoCommand.class, TrainCommand.class, EvaluateCommand.class,
            BenchCommand.class, GridSearchCommand.class, NoiseTableCommand.class,
            LatentMetricsCommand.class, ReportCommand.class})
public final class LatentLabCli implements Callable<Integer> {

    /** Exit code for bad arguments, bad files and failed runs. */
    public static final int EXIT_ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Runs the CLI.
     *
     * @param out standard output
     * @param err standard error
     * @param args arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LatentLabCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + e.getMessage() + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return EXIT_ERROR;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            LatentLabCli root = cli.getCommand();
            cmd.getErr().println("error: " + message(e));
            if (root.verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return EXIT_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A user-facing one-line message for an exception. */
    static String message(Throwable e) {
        Throwable t = e;
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IdxFormatException || t instanceof IOException
                || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            String m = t.getMessage();
            if (t instanceof java.nio.file.NoSuchFileException) {
                m = t.getMessage() + ": no such file";
            }
            return m == null ? t.getClass().getSimpleName() : m;
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Latent Lab " + version()};
        }
    }

    /** @return the application version */
    public static String version() {
        String v = LatentLabCli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
