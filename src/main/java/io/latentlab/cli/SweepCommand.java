package io.latentlab.cli;

import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;
import io.latentlab.study.LocalTrialWorkers;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The final trainings of an encoding-dimension sweep, side by side: one {@code train} per ED,
 * each on its own thread with its share of the cores and its own run folder
 * {@code DIR/ed<N>}, so each is resumable on its own.
 */
@Command(name = "sweep",
        description = "Train one model per encoding dimension, side by side (--workers at a time), "
                + "each into DIR/ed<N>; every other option goes to each 'train' (e.g. --max-epochs, "
                + "--lr, --corrupt). Lines are prefixed with their ED.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--eds", split = ",", required = true, paramLabel = "N[,N...]",
            description = "Encoding dimensions, e.g. 2,4,8,16,32.")
    List<Integer> eds;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Parent folder of the runs: DIR/ed<N> each.")
    Path out;

    @Option(names = "--resume",
            description = "Continue the runs already in DIR/ed<N> (their own settings; only --max-epochs "
                    + "may change) and start the others.")
    boolean resume;

    @Mixin
    WorkersOption workers;

    @Unmatched
    List<String> trainArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (eds.isEmpty() || new HashSet<>(eds).size() != eds.size()) {
            throw new IllegalArgumentException("--eds needs distinct encoding dimensions, got " + eds);
        }
        for (int ed : eds) {
            if (ed < 1 || ed > 4096) {
                throw new IllegalArgumentException("encoding dimension must be between 1 and 4096, got "
                        + ed);
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = Math.min(workers.workers(), eds.size());
        // the cores are shared by the runs that really go side by side
        int threads = LocalTrialWorkers.threadsPerWorker(Runtime.getRuntime().availableProcessors(),
                n);
        pw.printf(Locale.ROOT, "sweep: %d runs, %d at a time (%d PyTorch thread%s each) into %s%n",
                eds.size(), n, threads, threads == 1 ? "" : "s", out.toAbsolutePath().normalize());
        pw.flush();
        Files.createDirectories(out);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "sweep-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int ed : eds) {
                List<String> args = trainArgs(ed);
                String prefix = "[ed=" + ed + "] ";
                codes.add(pool.submit(() -> {
                    // inside the task: a failure here fails this run, not the whole pool
                    DjlThread.prepareCurrentThread(threads);
                    return LatentLabCli.run(new PrintWriter(new PrefixWriter(pw, prefix), true),
                            new PrintWriter(new PrefixWriter(err, prefix), true),
                            args.toArray(String[]::new));
                }));
            }
            int worst = 0;
            for (int i = 0; i < eds.size(); i++) {
                int code = codes.get(i).get();
                worst = Math.max(worst, code);
                synchronized (pw) {
                    pw.printf(Locale.ROOT, "ed=%d: %s%n", eds.get(i), code == 0 ? "done" : "failed");
                    pw.flush();
                }
            }
            return worst;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The {@code train} arguments of one ED: continue its folder, or start it. */
    private List<String> trainArgs(int ed) {
        Path dir = out.resolve("ed" + ed);
        List<String> args = new ArrayList<>(List.of("train"));
        if (resume && Files.exists(dir.resolve(ModelStore.META))) {
            args.addAll(List.of("--resume", dir.toString()));
        } else {
            args.addAll(List.of("--ed", Integer.toString(ed), "--out", dir.toString()));
        }
        args.addAll(trainArgs);
        return args;
    }

    /** Writes whole lines, each with a prefix, to a shared writer (locked per line). */
    private static final class PrefixWriter extends Writer {
        private final PrintWriter target;
        private final String prefix;
        private final StringBuilder line = new StringBuilder();

        PrefixWriter(PrintWriter target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    synchronized (target) {
                        target.print(prefix);
                        target.println(line);
                        target.flush();
                    }
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
            // whole lines only: a partial line waits for its end
        }

        @Override
        public void close() {
            if (line.length() > 0) {
                write(new char[] {'\n'}, 0, 1);
            }
        }
    }
}
