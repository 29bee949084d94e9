package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Issue 11, item 6: help, errors that never end in "null", one line for every failure. */
class CliMessagesTest {

    @TempDir
    static Path shared;

    /** A tiny finished run (ED 2, 1 epoch on 200 digits), copied by the tests that break it. */
    private static Path run;

    @BeforeAll
    static void trainTinyRun() {
        run = shared.resolve("run");
        CliTest.Result r = CliTest.run("train", "--ed", "2", "--train-limit", "200",
                "--max-epochs", "1", "--batch", "100", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static Path copyOfRun(Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        try (var files = Files.walk(run)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    /**
     * Truncates the file a run's manifest names under {@code key} and drops its checksum, so
     * that reading it, not the checksum, finds the damage.
     */
    private static void truncateNamed(Path dir, String key, int bytes) throws Exception {
        Path manifest = dir.resolve("model.properties");
        String text = Files.readString(manifest);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(key + "=(.*)").matcher(text);
        assertThat(m.find()).as("%s in %s", key, manifest).isTrue();
        truncate(dir.resolve(m.group(1).strip()), bytes);
        String shaKey = key.equals("resume_params_file") ? "resume_params_sha256" : "optimizer_sha256";
        Files.writeString(manifest, text.replaceAll(shaKey + "=.*\n", ""));
    }

    private static void truncate(Path file, int bytes) throws Exception {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length - bytes));
    }

    private static void assertOneErrorLine(CliTest.Result r) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n")
                .doesNotEndWith("null").doesNotContain("(null)").doesNotContain(": null");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        CommandLine cli = new CommandLine(new LatentLabCli());
        assertThat(cli.getSubcommands()).hasSize(11);
        for (String name : cli.getSubcommands().keySet()) {
            CliTest.Result r = CliTest.run(name, "--help");
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            assertThat(r.out()).as(name).startsWith("Usage: latent-lab " + name + " ")
                    .contains("--help").contains("--verbose");
            assertThat(r.err()).as(name).isEmpty();
        }
        assertThat(CliTest.run("train", "-h").out()).startsWith("Usage: latent-lab train ");
        // the hint every usage error gives now works
        assertThat(CliTest.run("train", "--bogus").err()).contains("see 'latent-lab train --help'");
    }

    @Test
    void withoutACommandTheUsageGoesToTheGivenOutput() {
        CliTest.Result r = CliTest.run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: latent-lab ").contains("train");
    }

    @Test
    void aTruncatedGzipTrailerIsNamedNotNull(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(Path.of("assets/mnist", f), data.resolve(f));
        }
        // the last 4 bytes are the gzip trailer's size field: EOFException without a message
        truncate(data.resolve("t10k-labels-idx1-ubyte.gz"), 4);
        CliTest.Result r = CliTest.run("train", "--data", data.toString(), "--out",
                tmp.resolve("r").toString());
        assertOneErrorLine(r);
        assertThat(r.err().strip()).endsWith("t10k-labels-idx1-ubyte.gz: corrupt gzip stream: "
                + "unexpected end of file");
    }

    @Test
    void truncatedResumeStateIsNamedNotNull(@TempDir Path tmp) throws Exception {
        Path weights = copyOfRun(tmp.resolve("w"));
        truncateNamed(weights, "resume_params_file", 100);
        CliTest.Result w = CliTest.run("train", "--resume", weights.toString(), "--max-epochs",
                "2");
        assertOneErrorLine(w);
        assertThat(w.err()).contains("does not fit a model with ED=2 (unexpected end of file)");

        Path optimizer = copyOfRun(tmp.resolve("o"));
        truncateNamed(optimizer, "optimizer_file", 100);
        CliTest.Result o = CliTest.run("train", "--resume", optimizer.toString(), "--max-epochs",
                "2");
        assertOneErrorLine(o);
        assertThat(o.err()).contains("optimizer state: unexpected end of file");
    }

    @Test
    void reportIntoAFileSaysItNeedsAFolder(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("latent-lab.jar"), "not a folder");
        CliTest.Result r = CliTest.run("report", "--out", jar.toString(), "--model",
                run.toString(), "--limit", "10");
        assertOneErrorLine(r);
        assertThat(r.err().strip()).isEqualTo("error: " + jar + ": is a file; --out needs a "
                + "folder");
        assertThat(Files.readString(jar)).isEqualTo("not a folder");
    }

    @Test
    void anEpochLimitOutOfRangeStatesTheRange(@TempDir Path tmp) {
        CliTest.Result r = CliTest.run("train", "--max-epochs", "2147483647", "--out",
                tmp.resolve("x").toString());
        assertOneErrorLine(r);
        assertThat(r.err().strip())
                .isEqualTo("error: max epochs must be between 1 and 1000000, got 2147483647");
        CliTest.Result resumed = CliTest.run("train", "--resume", run.toString(),
                "--max-epochs", "2147483647");
        assertThat(resumed.err().strip())
                .isEqualTo("error: max epochs must be between 1 and 1000000, got 2147483647");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void resumeRefusesAnotherOutFolder(@TempDir Path tmp) throws Exception {
        Path other = tmp.resolve("elsewhere");
        CliTest.Result r = CliTest.run("train", "--resume", run.toString(), "--out",
                other.toString(), "--max-epochs", "2");
        assertOneErrorLine(r);
        assertThat(r.err().strip()).isEqualTo("error: --out " + other + " cannot be used with "
                + "--resume: the run continues in its own folder " + run);
        assertThat(other).doesNotExist();
        assertThat(Files.readAllLines(io.latentlab.training.RunCheckpoint.historyFile(run)))
                .hasSize(2);
    }

    @Test
    void resumeAcceptsItsOwnFolderAsOut(@TempDir Path tmp) throws Exception {
        Path copy = copyOfRun(tmp);
        CliTest.Result r = CliTest.run("train", "--resume", copy.toString(), "--out",
                copy.resolve(".").toString(), "--max-epochs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch=2 ");
    }

    /** Stands for any command that fails in a way nobody planned for. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        static Throwable next;

        @Override
        public Integer call() throws Exception {
            if (next instanceof Exception e) {
                throw e;
            }
            throw (Error) next;
        }
    }

    private static CliTest.Result boom(Throwable t, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LatentLabCli.commandLine(new PrintWriter(out), new PrintWriter(err));
        cli.addSubcommand(new Boom());
        Boom.next = t;
        String[] all = new String[args.length + 1];
        all[0] = "boom";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = LatentLabCli.execute(cli, all);
        return new CliTest.Result(code, out.toString(), err.toString());
    }

    @Test
    void outOfMemoryIsOneLineWithoutTrace() {
        CliTest.Result r = boom(new OutOfMemoryError("Java heap space"));
        assertOneErrorLine(r);
        assertThat(r.err().strip()).isEqualTo("error: out of memory (Java heap space): give Java "
                + "more memory (-Xmx) or use a smaller --batch or --limit");

        CliTest.Result verbose = boom(new OutOfMemoryError("Java heap space"), "--verbose");
        assertThat(verbose.code()).isEqualTo(2);
        assertThat(verbose.err()).startsWith("error: out of memory")
                .contains("java.lang.OutOfMemoryError: Java heap space").contains("\tat ");
    }

    @Test
    void anUnexpectedExceptionIsOneLineAndTheTraceOnlyWithVerbose() {
        CliTest.Result r = boom(new NullPointerException());
        assertOneErrorLine(r);
        assertThat(r.err().strip()).isEqualTo("error: NullPointerException (run with --verbose "
                + "for the stack trace)");
        CliTest.Result stack = boom(new StackOverflowError());
        assertOneErrorLine(stack);
        assertThat(stack.err()).startsWith("error: StackOverflowError");

        CliTest.Result verbose = boom(new NullPointerException("x is null"), "--verbose");
        assertThat(verbose.code()).isEqualTo(2);
        assertThat(verbose.err()).startsWith("error: NullPointerException: x is null\n")
                .contains("\tat ");
    }
}
