package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.cluster.ClusterMember;
import io.latentlab.cluster.ClusterSearch;
import io.latentlab.cluster.ClusterSettings;
import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.ParallelGridSearch;
import io.latentlab.study.GridSearchReport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test: three {@code latent-lab worker} JVMs on loopback and this JVM's member
 * sending them a tiny grid; one worker is killed (SIGKILL) in the middle of a fit, and the
 * search still ends with exactly the numbers of a local search.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterProcessTest {

    private final List<Worker> workers = new ArrayList<>();
    private final String name = "test-" + UUID.randomUUID();

    @TempDir
    Path tmp;

    /** A worker JVM and the lines it printed. */
    private static final class Worker {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final int port;

        Worker(Process process, int port) {
            this.process = process;
            this.port = port;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        synchronized (lines) {
                            lines.add(l);
                            lines.notifyAll();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process died
                }
            }, "worker-output-" + port);
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix}; fails after {@code seconds}. */
        boolean await(String prefix, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0 || !process.isAlive()) {
                        return false;
                    }
                    lines.wait(Math.min(left, 500));
                }
                return true;
            }
        }

        boolean trains() {
            return lines.stream().anyMatch(l -> l.startsWith("training "));
        }
    }

    @AfterEach
    void killWorkers() throws Exception {
        for (Worker w : workers) {
            w.process.destroyForcibly();
        }
        for (Worker w : workers) {
            w.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Worker worker(Integer join) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-Dlatentlab.userdata=" + tmp.resolve("userdata"),
                "-cp", System.getProperty("java.class.path"), "io.latentlab.app.Main",
                "worker", "--workers", "1", "--port", Integer.toString(port),
                "--cluster-name", name));
        if (join != null) {
            cmd.add("--join");
            cmd.add("127.0.0.1:" + join);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Worker w = new Worker(p, port);
        workers.add(w);
        return w;
    }

    /** 2 settings x 2 folds of 3 epochs on 600 digits. */
    private static GridSearch.Options tiny() {
        return GridSearch.Options.builder(4).learningRates(List.of(1e-2, 1e-3))
                .weightDecays(List.of(1e-4)).folds(2).epochs(3).batchSize(100).seed(7)
                .trainLimit(600).build();
    }

    @Test
    void aWorkerKilledMidFitStillGivesTheLocalNumbers() throws Exception {
        MnistData mnist = io.latentlab.data.TestMnist.shipped();
        Worker first = worker(null);
        assertThat(first.await("waiting for fits", 120)).as(String.join("\n", first.lines))
                .isTrue();
        worker(first.port);
        worker(first.port);
        for (Worker w : workers) {
            assertThat(w.await("waiting for fits", 120)).as(String.join("\n", w.lines)).isTrue();
        }
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ClusterSettings here = new ClusterSettings(name, ClusterSettings.LOOPBACK, freePort(),
                true, List.of("127.0.0.1:" + first.port), 0);
        GridSearch.Result clustered;
        try (ClusterMember coordinator = ClusterMember.start(here, mnist, null)) {
            assertThat(coordinator.size()).isEqualTo(4);
            CompletableFuture<GridSearch.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return ClusterSearch.run(coordinator, mnist, tiny(), null, null, List.of(),
                            null, log::add);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Worker victim = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (victim == null && System.nanoTime() < end && !run.isDone()) {
                victim = workers.stream().filter(Worker::trains).findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertThat(victim).as("a worker started a fit").isNotNull();
            victim.process.destroyForcibly();
            assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(victim.lines).noneMatch(l -> l.startsWith("finished "));
            clustered = run.get(150, TimeUnit.SECONDS);
            String dead = "member 127.0.0.1:" + victim.port;
            assertThat(log).anyMatch(l -> l.startsWith(dead
                    + " left during ") && l.endsWith("training it again elsewhere"));
        }
        GridSearch.Result local = ParallelGridSearch.run(mnist, tiny(), 1, 1, null, null,
                List.of(), null);
        assertSameCurves(clustered, local);
        assertThat(clustered.winner()).isEqualTo(local.winner());

        // the CLI on the surviving workers: every fit is already in the cluster (the dead
        // member's share survived in its backups), so the saved search equals the local one
        Worker alive = workers.stream().filter(w -> w.process.isAlive()).findFirst()
                .orElseThrow();
        Path out = tmp.resolve("grid.csv");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int code = LatentLabCli.run(new PrintWriter(so), new PrintWriter(se), "grid-search",
                "--cluster", "127.0.0.1:" + alive.port, "--cluster-name", name, "--ed", "4",
                "--lr", "0.01,0.001", "--wd", "0.0001", "--folds", "2", "--epochs", "3",
                "--batch", "100", "--seed", "7", "--train-limit", "600", "--out",
                out.toString());
        assertThat(code).as(so + "\n" + se).isZero();
        assertThat(so.toString()).contains("cluster '" + name + "': 3 members");
        Path reference = tmp.resolve("local.csv");
        GridSearchReport.write(local, reference);
        assertSameCurves(GridSearchReport.read(out), GridSearchReport.read(reference));
        assertThat(workers.stream().filter(w -> w.process.isAlive())
                .flatMap(w -> w.lines.stream()).filter(l -> l.startsWith("training ")).count())
                .as("fits trained by the surviving workers, first search only").isLessThanOrEqualTo(4);
    }

    private static void assertSameCurves(GridSearch.Result a, GridSearch.Result b) {
        io.latentlab.study.ParallelGridSearchTestSupport.assertSameCurves(a, b);
    }
}
