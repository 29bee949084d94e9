package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.DjlThread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCliTest {

    private static final String[] SMALL = {"--max-epochs", "2", "--train-limit", "400",
        "--batch", "100", "--seed", "3"};

    private static String[] args(String... head) {
        String[] all = new String[head.length + SMALL.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
        return all;
    }

    @Test
    void trainsEveryEdSideBySideIntoItsOwnFolderAndResumes(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        CliTest.Result r = CliTest.run(args("sweep", "--eds", "2,4", "--out", out.toString(),
                "--workers", "2"));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertThat(r.out()).contains("sweep: 2 runs, 2 at a time (" + threads + " PyTorch thread")
                .contains("[ed=2] epoch=2 ").contains("[ed=4] epoch=2 ")
                .contains("ed=2: done").contains("ed=4: done");
        // every line of a run carries its ED: no line of one run is cut into another's
        assertThat(r.out().lines().filter(l -> l.contains("epoch=")))
                .allMatch(l -> l.matches("\\[ed=[24]\\] epoch=\\d .*"));
        String ed4 = Files.readString(history(out.resolve("ed4")));

        // the same run alone, as many intra-op threads as in the sweep: the same numbers
        Path alone = tmp.resolve("alone");
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            CliTest.Result single = one.submit(() -> {
                DjlThread.prepareCurrentThread(threads);
                return CliTest.run(args("train", "--ed", "4", "--out", alone.toString()));
            }).get();
            assertThat(single.code()).isZero();
        } finally {
            one.shutdownNow();
        }
        assertThat(mseColumns(Files.readString(history(alone)))).isEqualTo(mseColumns(ed4));

        // --resume continues both to 3 epochs; a new ED starts
        CliTest.Result again = CliTest.run("sweep", "--eds", "2,4,8", "--out", out.toString(),
                "--resume", "--workers", "2", "--max-epochs", "3", "--train-limit", "400",
                "--batch", "100", "--seed", "3");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("[ed=2] resuming").contains("[ed=4] resuming")
                .doesNotContain("[ed=8] resuming").contains("[ed=2] epoch=3 ")
                .contains("[ed=8] epoch=3 ");
        assertThat(Files.exists(out.resolve("ed8").resolve("model.properties"))).isTrue();
    }

    @Test
    void refusesRepeatedEdsAndAnExistingRunWithoutResume(@TempDir Path tmp) throws Exception {
        CliTest.Result twice = CliTest.run("sweep", "--eds", "4,4", "--out", tmp.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err().strip())
                .isEqualTo("error: --eds needs distinct encoding dimensions, got [4, 4]");
        Path out = tmp.resolve("s");
        assertThat(CliTest.run(args("sweep", "--eds", "2", "--out", out.toString())).code())
                .isZero();
        CliTest.Result again = CliTest.run(args("sweep", "--eds", "2", "--out", out.toString()));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("[ed=2] error: " + out.resolve("ed2")
                + ": already holds a run (use --resume");
    }

    private static Path history(Path run) throws Exception {
        try (var files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().startsWith("history"))
                    .findFirst().orElseThrow();
        }
    }

    /** The MSE columns of a history, without the seconds. */
    private static List<String> mseColumns(String csv) {
        return csv.lines().map(l -> {
            String[] c = l.split(",");
            return c[0] + "," + c[1] + "," + c[2] + "," + c[3];
        }).toList();
    }
}
