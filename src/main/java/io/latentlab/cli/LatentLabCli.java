package io.latentlab.cli;

import io.latentlab.data.Errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The headless command line: training, evaluation, benchmark and the study's tools. */
// scope INHERIT gives every subcommand its own --help (and --version)
@Command(name = "latent-lab", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = LatentLabCli.Version.class,
        description = "Latent Lab: a convolutional autoencoder on MNIST. Without a subcommand "
                + "the desktop app opens.",
        subcommands = {InfoCommand.class, TrainCommand.class, EvaluateCommand.class,
            BenchCommand.class, GridSearchCommand.class, NoiseTableCommand.class,
            LatentMetricsCommand.class, ReportCommand.class, InterpolateCommand.class,
            SweepCommand.class, WorkerCommand.class})
public final class LatentLabCli implements Callable<Integer> {

    /** Exit code for bad arguments, bad files and failed runs. */
    public static final int EXIT_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
        return execute(commandLine(out, err), args);
    }

    /** The command line with its error handling; tests may add commands to it. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LatentLabCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + Errors.describe(e) + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return EXIT_ERROR;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> fail(cli, e));
        return cli;
    }

    /** Executes {@code args}; an Error (out of memory, ...) escapes picocli's handler. */
    static int execute(CommandLine cli, String... args) {
        int code;
        try {
            code = cli.execute(args);
        } catch (Throwable e) {
            code = fail(cli, e);
        }
        cli.getOut().flush();
        cli.getErr().flush();
        return code;
    }

    /** One {@code error:} line, the stack trace only with --verbose. */
    private static int fail(CommandLine cli, Throwable e) {
        boolean verbose = cli.<LatentLabCli>getCommand().verbose;
        PrintWriter err = cli.getErr();
        err.println("error: " + message(e)
                + (verbose || expected(e) ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_ERROR;
    }

    /** Whether {@code e} is a user-facing failure (bad input, bad file) rather than a bug. */
    private static boolean expected(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof IOException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof OutOfMemoryError;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    }

    /** A user-facing one-line message for an exception; never ends in "null". */
    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + Errors.describe(t) + "): give Java more memory (-Xmx) "
                    + "or use a smaller --batch or --limit";
        }
        if (t instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            // these carry only the path as their message
            String why = t instanceof NoSuchFileException ? "no such file"
                    : t instanceof FileAlreadyExistsException ? "already exists"
                    : t instanceof NotDirectoryException ? "not a folder"
                    : t instanceof AccessDeniedException ? "permission denied"
                    : t instanceof DirectoryNotEmptyException ? "folder not empty"
                    : null;
            if (why != null) {
                return f.getFile() + ": " + why;
            }
        }
        if (t instanceof IOException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException) {
            return Errors.describe(t);
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
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
