package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** Bad cluster options are named before anything starts. */
@org.junit.jupiter.api.Timeout(60)
class WorkerCliTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LatentLabCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void badWorkerOptionsAreNamed() {
        String[] r = run("worker", "--workers", "0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("error: --workers must be at least 1, got 0");
        r = run("worker", "--join", "10.0.0.5:http");
        assertThat(r[2]).startsWith("error: '10.0.0.5:http' is no HOST:PORT (the port must be "
                + "a number between 1 and 65535)");
        r = run("worker", "--port", "70000");
        assertThat(r[2]).startsWith("error: --port must be between 1 and 65535, got 70000");
    }

    @Test
    void gridSearchNamesABadClusterAddress() {
        String[] r = run("grid-search", "--cluster", " , ", "--out", "x.csv", "--ed", "4");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("error: --cluster/--join needs HOST:PORT, got ' , '");
    }
}
