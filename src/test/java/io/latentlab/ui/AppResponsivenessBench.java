package io.latentlab.ui;

import io.latentlab.cli.LatentLabCli;
import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.training.Split;
import io.latentlab.training.TrainingConfig;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.reconstruction.ReconstructViewModel;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.Reconstruction;
import io.latentlab.ui.shell.MainWindow;
import io.latentlab.ui.training.TrainViewModel;
import io.latentlab.ui.training.TrainViewModel.Field;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures (prints, never asserts) how the whole app behaves while a run trains at full speed:
 * the longest FX-thread stalls while the σ slider of Reconstruct is dragged (goal: none above
 * 50 ms), the latency from a σ change to a reconstruction of it (or of a newer σ) being shown,
 * and the in-app training throughput against {@code bench} run in the same JVM (goal: at least
 * 90 %). Run it with
 * <pre>./mvnw -B -o verify -Pslow -Dtest=AppResponsivenessBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>The real app: {@link MainWindow} with every view, the real engine thread, workers and
 * {@code Platform.runLater}, the full MNIST of {@code assets/mnist}, {@code models/ed32} opened
 * through the app, the Reconstruct tab in front, headless Monocle (software rendering). Phases,
 * each with a {@code Platform.runLater} ping every 5 ms measuring the FX thread's stalls:
 * {@code drag-idle} (σ swept 0..2..0 every 2 s, a change every 16 ms, no training, 15 s);
 * {@code bench --epochs 1}; {@code train} (a run of ED=32, batch 1000, the full training set,
 * {@code -Dbench.epochs=N} epochs, default 6, started as the Start button does); {@code
 * train+drag} (the same run while σ is dragged); {@code bench} again. Throughput is counted as
 * {@code bench} counts it: samples of each epoch from its first batch to its last, evaluation
 * excluded. A stall above 25 ms is sampled (the FX thread's stack; the renderer's while the FX
 * thread waits for it); stalls above 50 ms are listed with when they happened.
 * {@code -Dbench.profile=true} also samples the FX thread when it is not stalled.
 */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class AppResponsivenessBench {

    private static final int ED = 32;
    private static final int BATCH = 1000;
    private static final int EPOCHS = Integer.getInteger("bench.epochs", 6);
    private static final long PING_MS = 5;
    private static final long SAMPLE_ABOVE_MS = 25;
    private static final int IDLE_SECONDS = 15;
    /** -Dbench.profile=true: also sample the FX thread every ping and print where it works. */
    private static final boolean PROFILE = Boolean.getBoolean("bench.profile");

    @TempDir
    Path tmp;

    private AppContext ctx;
    private MainWindow window;
    private Thread fxThread;

    @Start
    void start(Stage stage) {
        fxThread = Thread.currentThread();
        ctx = FxTestSupport.context(FxTestSupport.prefs("responsiveness-bench"));
        window = new MainWindow(ctx);
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
    }

    @Test
    void stallsAndThroughput() throws Exception {
        System.out.println("load_before=" + load());
        MnistData data = io.latentlab.data.TestMnist.shipped();
        FxTestSupport.fx(() -> {
            ctx.dataProperty().set(data);
            window.trainView().viewModel().setRunsDir(tmp.resolve("runs"));
            return null;
        });
        Job<ActiveModel> open = FxTestSupport.fx(() -> window.viewModel().open(Path.of("models/ed32")));
        if (FxTestSupport.await(open) != JobState.SUCCEEDED) {
            throw new IllegalStateException("could not open models/ed32");
        }
        ReconstructViewModel rvm = window.reconstructView().viewModel();
        FxTestSupport.fx(() -> {
            window.tabs().getSelectionModel().select(1);
            rvm.noiseKindProperty().set(NoiseKind.GAUSSIAN);
            rvm.sigmaProperty().set(0.5);
            return null;
        });
        // the latent map of the opened model is one long engine job: let it finish first
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> FxTestSupport.fx(() -> rvm.reconstructionProperty().get() != null
                        && window.latentView().viewModel().projectionProperty().get() != null
                        && ctx.jobs().running().isEmpty()));

        System.out.println("scene_nodes=" + FxTestSupport.fx(() -> window.tabs().getTabs().stream()
                .map(t -> t.getText() + ":" + nodes(t.getContent()))
                .collect(Collectors.joining(" "))));

        run(false, true, 5); // warm-up: JIT, first images
        Phase idle = run(false, true, IDLE_SECONDS);
        double benchBefore = bench();
        Phase quiet = run(true, false, 0);
        Phase drag = run(true, true, 0);
        double benchAfter = bench();
        double benchMean = (benchBefore + benchAfter) / 2;

        idle.print("drag-idle");
        quiet.print("train");
        drag.print("train+drag");
        System.out.printf(Locale.ROOT, "bench_samples_per_s before=%.0f after=%.0f mean=%.0f%n",
                benchBefore, benchAfter, benchMean);
        System.out.printf(Locale.ROOT, "in_app_vs_bench train=%.1f%% train+drag=%.1f%%%n",
                100 * quiet.samplesPerSecond / benchMean, 100 * drag.samplesPerSecond / benchMean);
        System.out.println("load_after=" + load());
        FxTestSupport.close(ctx);
    }

    /** `bench --epochs 1` in this JVM, on this thread (made fit for DJL as the CLI's would be). */
    private static double bench() {
        DjlThread.prepareCurrentThread();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LatentLabCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--data", "assets/mnist", "--ed", String.valueOf(ED),
                "--batch", String.valueOf(BATCH), "--epochs", "1", "--repeats", "20");
        Matcher m = Pattern.compile("train_samples_per_s=(\\d+)").matcher(out.toString());
        if (code != 0 || !m.find()) {
            throw new IllegalStateException("bench failed: " + out + err);
        }
        System.out.print(out);
        return Double.parseDouble(m.group(1));
    }

    private static int nodes(javafx.scene.Node n) {
        int count = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                count += nodes(c);
            }
        }
        return count;
    }

    /**
     * One phase: an in-app run of {@link #EPOCHS} epochs started as the Start button does, or
     * without training for some seconds; with or without dragging σ.
     */
    private Phase run(boolean train, boolean dragSigma, int seconds) throws Exception {
        TrainViewModel tvm = window.trainView().viewModel();
        ReconstructViewModel rvm = window.reconstructView().viewModel();
        Phase phase = new Phase();
        Heartbeat heartbeat = new Heartbeat(fxThread);
        Timeline drag = new Timeline(new KeyFrame(Duration.millis(16), e -> phase.moveSigma(rvm)));
        drag.setCycleCount(Timeline.INDEFINITE);
        ChangeListener<Reconstruction> shown = (o, a, r) -> phase.shown(r);
        long gc0 = gcMillis();
        Map<String, Long> cpu0 = cpuSeconds();

        Job<?> job = FxTestSupport.fx(() -> {
            tvm.valueProperty(Field.ED).set(String.valueOf(ED));
            tvm.valueProperty(Field.BATCH).set(String.valueOf(BATCH));
            tvm.valueProperty(Field.MAX_EPOCHS).set(String.valueOf(EPOCHS));
            tvm.valueProperty(Field.TRAIN_LIMIT).set("0");
            TrainingConfig cfg = tvm.configProperty().get();
            int trainSize = Split.of(ctx.dataProperty().get().train().size(), cfg.trainLimit(),
                    cfg.valFraction(), cfg.seed()).train().length;
            phase.expect(cfg.maxEpochs(), cfg.batchSize(), trainSize);
            heartbeat.start();
            if (dragSigma) {
                rvm.reconstructionProperty().addListener(shown);
                drag.play();
            }
            if (!train) {
                return null;
            }
            Job<?> j = tvm.start();
            // the job's progress reaches the FX thread once per batch (epoch - 1 + batch / batches)
            j.progressProperty().addListener((o, a, p) -> phase.progress(p.doubleValue()));
            return j;
        });
        if (job == null) {
            Thread.sleep(seconds * 1000L);
        } else {
            WaitForAsyncUtils.waitFor(30, TimeUnit.MINUTES,
                    () -> FxTestSupport.fx(() -> job.stateProperty().get().done()));
        }
        FxTestSupport.fx(() -> {
            drag.stop();
            rvm.reconstructionProperty().removeListener(shown);
            return null;
        });
        heartbeat.stop();
        phase.finish(heartbeat, FxTestSupport.fx(heartbeat::report), gcMillis() - gc0,
                job == null ? null : job.stateProperty().get());
        Map<String, Long> cpu1 = cpuSeconds();
        phase.cpu = cpu1.keySet().stream().sorted().map(k -> String.format(Locale.ROOT, "%s=%.1f",
                k, (cpu1.get(k) - cpu0.getOrDefault(k, 0L)) / 1e9)).collect(Collectors.joining(" "));
        return phase;
    }

    /** CPU nanoseconds of the process and of the threads that matter here. */
    private static Map<String, Long> cpuSeconds() {
        Map<String, Long> cpu = new HashMap<>();
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu.put("process", os.getProcessCpuTime());
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            String key = name.equals("JavaFX Application Thread") ? "fx"
                    : name.startsWith("QuantumRenderer") ? "render"
                    : name.equals("djl") ? "engine" : null;
            if (key != null) {
                cpu.merge(key, Math.max(0, threads.getThreadCpuTime(t.getId())), Long::sum);
            }
        }
        return cpu;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** What one run measured. FX thread, except {@link #finish} and {@link #print}. */
    private static final class Phase {
        private int maxEpochs;
        private int batchSize;
        private int batches;
        private int trainSize;
        private final Map<Integer, long[]> epochSpan = new HashMap<>();
        private final Map<float[], Integer> sent = new IdentityHashMap<>();
        private final java.util.ArrayDeque<long[]> waiting = new java.util.ArrayDeque<>();
        private final List<Double> latencies = new ArrayList<>();
        private int sigmaChanges;
        private int applied;
        private int shownTotal;
        private final long t0 = System.nanoTime();
        private double samplesPerSecond;
        private final List<String> perEpoch = new ArrayList<>();
        private final List<String> epochEnds = new ArrayList<>();
        private final List<String> fxPerEpoch = new ArrayList<>();
        private double[] stalls;
        private String stallStacks;
        private long gcMs;
        private JobState end;
        private double seconds;
        String cpu = "";

        void expect(int epochs, int batch, int size) {
            maxEpochs = epochs;
            batchSize = batch;
            trainSize = size;
            batches = (size + batch - 1) / batch;
        }

        /** Sweeps σ 0..2..0 every 2 s, as a hand dragging the slider. */
        void moveSigma(ReconstructViewModel rvm) {
            double t = ((System.nanoTime() - t0) / 1e9) % 2.0;
            double sigma = t < 1 ? 2 * t : 2 * (2 - t);
            long now = System.nanoTime();
            rvm.sigmaProperty().set(sigma);
            sigmaChanges++;
            float[] in = rvm.noisyProperty().get();
            if (in != null) {
                sent.put(in, sigmaChanges);
                waiting.add(new long[] {sigmaChanges, now});
            }
        }

        /**
         * A reconstruction reached the view: every σ change up to the one it was made for is
         * answered (a newer picture replaces what older changes asked for).
         */
        void shown(Reconstruction r) {
            shownTotal++;
            Integer seq = r == null ? null : sent.remove(r.input());
            if (seq == null) {
                return;
            }
            applied++;
            long now = System.nanoTime();
            while (!waiting.isEmpty() && waiting.peekFirst()[0] <= seq) {
                latencies.add((now - waiting.pollFirst()[1]) / 1e6);
            }
        }

        /** Per epoch: the time from the first batch seen to its last, as bench counts. */
        void progress(double p) {
            long now = System.nanoTime();
            double done = p * maxEpochs;
            int epoch = (int) Math.ceil(done - 1e-9);
            int batch = (int) Math.round((done - (epoch - 1)) * batches);
            if (epoch < 1 || batch < 1) {
                return;
            }
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long[] span = epochSpan.computeIfAbsent(epoch,
                    e -> new long[] {now, batch, -1, -1, cpu, cpu});
            span[2] = now;
            span[3] = batch;
            span[5] = cpu;
        }

        void finish(Heartbeat hb, String stallReport, long gc, JobState state) {
            seconds = (System.nanoTime() - t0) / 1e9;
            end = state;
            gcMs = gc;
            stalls = sorted(new ArrayList<>(hb.gaps));
            stallStacks = stallReport;
            long nanos = 0;
            long samples = 0;
            for (int e = 1; e <= maxEpochs; e++) {
                long[] s = epochSpan.get(e);
                if (s == null || s[3] != batches || s[1] >= batches) {
                    continue; // an epoch not seen to its last batch does not count
                }
                long n = Math.min((long) batches * batchSize, trainSize) - s[1] * batchSize;
                nanos += s[2] - s[0];
                samples += n;
                perEpoch.add(String.format(Locale.ROOT, "%.0f", n / ((s[2] - s[0]) / 1e9)));
                epochEnds.add(String.format(Locale.ROOT, "%.1f", (s[2] - t0) / 1e9));
                fxPerEpoch.add(String.format(Locale.ROOT, "%.0f%%", 100.0 * (s[5] - s[4]) / (s[2] - s[0])));
            }
            samplesPerSecond = samples / (nanos / 1e9);
        }

        void print(String name) {
            if (end == null) {
                System.out.printf(Locale.ROOT, "[%s] no training wall_s=%.1f gc_ms=%d%n", name,
                        seconds, gcMs);
            } else {
                System.out.printf(Locale.ROOT, "[%s] run=%s wall_s=%.1f epochs_timed=%d"
                        + " in_app_samples_per_s=%.0f per_epoch=%s gc_ms=%d%n", name, end,
                        seconds, perEpoch.size(), samplesPerSecond, perEpoch, gcMs);
            }
            System.out.printf("[%s] cpu_s %s%n", name, cpu);
            if (!epochEnds.isEmpty()) {
                System.out.printf("[%s] last batch of each epoch at s: %s; FX thread busy: %s%n",
                        name, epochEnds, fxPerEpoch);
            }
            System.out.printf(Locale.ROOT, "[%s] fx_stall_ms max=%.1f p99=%.1f p50=%.1f"
                    + " pings=%d over_50ms=%d%n", name, pct(stalls, 100), pct(stalls, 99),
                    pct(stalls, 50), stalls.length,
                    Arrays.stream(stalls).filter(s -> s > 50).count());
            if (sigmaChanges > 0) {
                double[] lat = sorted(latencies);
                System.out.printf(Locale.ROOT, "[%s] sigma_changes=%d reconstructions_applied=%d"
                        + " (of %d shown)"
                        + " latency_ms(σ change -> its or a newer reconstruction shown)"
                        + " p50=%.1f p95=%.1f max=%.1f unanswered_at_end=%d%n", name,
                        sigmaChanges, applied, shownTotal, pct(lat, 50), pct(lat, 95), pct(lat, 100),
                        waiting.size());
            }
            if (!stallStacks.isEmpty()) {
                System.out.print(stallStacks);
            }
        }
    }

    /**
     * A {@code Platform.runLater} ping every {@value #PING_MS} ms; the gap from scheduling to
     * running is the FX thread's stall. While a ping waits longer than {@value #SAMPLE_ABOVE_MS}
     * ms the FX thread's stack is sampled.
     */
    private static final class Heartbeat {
        final ConcurrentLinkedQueue<Double> gaps = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedDeque<Long> pending = new ConcurrentLinkedDeque<>();
        private final Map<String, Integer> samples = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Integer> profile = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger profileTotal =
                new java.util.concurrent.atomic.AtomicInteger();
        private final Thread fx;
        private Thread renderer;
        private ScheduledExecutorService timer;
        private final long start = System.nanoTime();
        private volatile String lastKey = "-";
        private final ConcurrentLinkedQueue<String> sampledKeys = new ConcurrentLinkedQueue<>();
        // FX thread: stalls above 50 ms, pings less than 100 ms apart merged into one episode
        private final List<String> episodes = new ArrayList<>();
        private long episodeAt = -1;
        private long episodeLast;
        private double episodeMax;
        private final Map<String, Integer> episodeKeys = new HashMap<>();

        Heartbeat(Thread fx) {
            this.fx = fx;
        }

        void start() {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeat");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, 0, PING_MS, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            long now = System.nanoTime();
            Long oldest = pending.peekFirst();
            if (oldest != null && now - oldest > SAMPLE_ABOVE_MS * 1_000_000) {
                lastKey = where(fx.getStackTrace());
                samples.merge(lastKey, 1, Integer::sum);
                sampledKeys.add(lastKey);
                if (lastKey.contains("waitForRenderingToComplete") && renderer() != null) {
                    samples.merge("  (renderer meanwhile: " + rendererKey(renderer.getStackTrace())
                            + ")", 1, Integer::sum);
                }
            } else if (PROFILE) {
                StackTraceElement[] st = fx.getStackTrace();
                if (st.length > 0 && !st[0].getMethodName().equals("wait")) {
                    profile.merge(profileKey(st), 1, Integer::sum);
                }
                profileTotal.incrementAndGet();
            }
            pending.addLast(now);
            Platform.runLater(() -> {
                // pings run in the order they were posted
                long at = Objects.requireNonNullElse(pending.pollFirst(), now);
                double gap = (System.nanoTime() - at) / 1e6;
                gaps.add(gap);
                if (gap > 50) {
                    episode(at, gap);
                } else {
                    sampledKeys.clear();
                }
            });
        }

        private void episode(long at, double gap) {
            if (episodeAt < 0 || at - episodeLast > 100_000_000L) {
                endEpisode();
                episodeAt = at;
                episodeMax = 0;
            }
            episodeLast = at;
            episodeMax = Math.max(episodeMax, gap);
            for (String k; (k = sampledKeys.poll()) != null; ) {
                episodeKeys.merge(k, 1, Integer::sum);
            }
        }

        private void endEpisode() {
            if (episodeAt >= 0) {
                episodes.add(String.format(Locale.ROOT, "  stall at %.1f s: %.0f ms, FX thread in: %s",
                        (episodeAt - start) / 1e9, episodeMax, episodeKeys.entrySet().stream()
                                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                                .limit(3).map(e -> e.getKey() + " (x" + e.getValue() + ")")
                                .collect(Collectors.joining("; "))));
            }
            episodeAt = -1;
            episodeKeys.clear();
        }

        /**
         * Where the FX thread is: its top frame, the pulse phase (the frame called by the
         * scene's pulse) and the topmost frame of the app's own code.
         */
        private static String where(StackTraceElement[] stack) {
            String top = stack.length == 0 ? "?" : name(stack[0]);
            String pass = "-";
            String app = "-";
            for (int i = 0; i < stack.length; i++) {
                String f = name(stack[i]);
                if (app.equals("-") && stack[i].getClassName().startsWith("io.latentlab")) {
                    app = f;
                }
                if (pass.equals("-") && i > 0 && (f.endsWith("ScenePulseListener.pulse")
                        || f.endsWith("QuantumToolkit.pulse"))) {
                    pass = name(stack[i - 1]);
                }
            }
            return top + " | pass: " + pass + " | app: " + app;
        }

        private Thread renderer() {
            if (renderer == null) {
                renderer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst()
                        .orElse(null);
            }
            return renderer;
        }

        /** The renderer's top frame and the first scene-graph (NG) node it is painting. */
        private static String rendererKey(StackTraceElement[] stack) {
            String top = stack.length == 0 ? "?" : name(stack[0]);
            String node = Arrays.stream(stack).filter(f -> f.getClassName().contains(".NG"))
                    .findFirst().map(Heartbeat::name).orElse("-");
            return top + " | " + node;
        }

        /** The pulse phase, the app's topmost frame and the first chart/control/layout frame. */
        private static String profileKey(StackTraceElement[] stack) {
            String ui = "-";
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (c.startsWith("javafx.scene.chart") || c.startsWith("javafx.scene.control")
                        || c.startsWith("io.latentlab")) {
                    ui = name(f);
                    break;
                }
            }
            return where(stack) + " | ui: " + ui;
        }

        private static String name(StackTraceElement f) {
            return simple(f.getClassName()) + "." + f.getMethodName();
        }

        private static String simple(String name) {
            return name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }

        /** FX thread, after {@link #stop}. */
        String report() {
            endEpisode();
            StringBuilder b = new StringBuilder();
            episodes.stream().limit(20).forEach(e -> b.append(e).append('\n'));
            if (PROFILE) {
                b.append(String.format(Locale.ROOT, "  fx profile: %d samples, busy in:%n",
                        profileTotal.get()));
                profile.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                        .forEach(e -> b.append(String.format(Locale.ROOT, "    x%d: %s%n",
                                e.getValue(), e.getKey())));
            }
            samples.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                    .forEach(e -> b.append(String.format(Locale.ROOT, "  stall sample x%d: %s%n",
                            e.getValue(), e.getKey())));
            return b.toString();
        }
    }
}
