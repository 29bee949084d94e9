package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DjlThreadTest {

    @Test
    void runsTasksInOrderOnOneThread() throws Exception {
        try (DjlThread djl = new DjlThread()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<String> a = djl.submit(() -> {
                seen.add("a");
                return Thread.currentThread().getName();
            });
            CompletableFuture<Boolean> b = djl.submit(() -> seen.add("b") && djl.isCurrent());
            assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("djl");
            assertThat(b.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("a", "b");
            assertThat(djl.isCurrent()).isFalse();
        }
    }

    @Test
    void longTaskLetsQueuedTasksRunBetweenSteps() throws Exception {
        try (DjlThread djl = new DjlThread()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> started = new CompletableFuture<>();
            CompletableFuture<Void> queued = new CompletableFuture<>();
            CompletableFuture<Void> training = djl.submit(() -> {
                started.complete(null);
                queued.get(5, TimeUnit.SECONDS);
                seen.add("batch 1");
                djl.runQueued();
                seen.add("batch 2");
                return null;
            });
            started.get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> small = djl.submit(() -> {
                seen.add("reconstruct");
                return null;
            });
            queued.complete(null);
            training.get(5, TimeUnit.SECONDS);
            small.get(5, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("batch 1", "reconstruct", "batch 2");
        }
    }

    @Test
    void gradModeIsOffOnTheDjlThread() throws Exception {
        try (DjlThread djl = new DjlThread()) {
            assertThat(djl.submit(ai.djl.pytorch.jni.JniUtils::isGradMode).get(5, TimeUnit.SECONDS))
                    .isFalse();
        }
    }

    @Test
    void failuresCompleteTheFutureAndRunQueuedIsDjlOnly() {
        try (DjlThread djl = new DjlThread()) {
            CompletableFuture<Object> f = djl.submit(() -> {
                throw new IllegalArgumentException("bad");
            });
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("bad");
            assertThatThrownBy(djl::runQueued).isInstanceOf(IllegalStateException.class);
        }
    }
}
