package io.latentlab.ui.latent;

import io.latentlab.model.DjlThread;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the latest of a stream of requests on the DJL thread: while one task is queued, newer
 * requests replace its input instead of queueing more work, so a fast-moving mouse never
 * builds a backlog. The result is applied on the FX executor.
 *
 * @param <Q> request
 * @param <R> result (plain Java values, never NDArrays)
 */
final class Coalescer<Q, R> {

    private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

    private final DjlThread djl;
    private final Executor fx;
    private final Function<Q, R> work;
    private final BiConsumer<Q, R> apply;
    private final Object lock = new Object();
    private Q pending;
    private List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private boolean scheduled;

    /**
     * @param djl where {@code work} runs
     * @param fx where {@code apply} runs
     * @param work the DJL-side computation
     * @param apply publishes a result (FX side)
     */
    Coalescer(DjlThread djl, Executor fx, Function<Q, R> work, BiConsumer<Q, R> apply) {
        this.djl = djl;
        this.fx = fx;
        this.work = work;
        this.apply = apply;
    }

    /**
     * @param request the newest input
     * @return completes once this request or a newer one has been applied
     */
    CompletableFuture<Void> request(Q request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean submit;
        synchronized (lock) {
            pending = request;
            waiters.add(done);
            submit = !scheduled;
            scheduled = true;
        }
        if (submit) {
            djl.submit(this::runLatest).whenComplete((v, err) -> {
                if (err != null) {
                    // e.g. the DJL thread is closed: nobody will run the queued request
                    failAll(err);
                }
            });
        }
        return done;
    }

    private Void runLatest() {
        Q q;
        List<CompletableFuture<Void>> ws;
        synchronized (lock) {
            q = pending;
            pending = null;
            ws = waiters;
            waiters = new ArrayList<>();
            // a request arriving while we work schedules exactly one more task
            scheduled = false;
        }
        if (q == null) {
            return null;
        }
        try {
            R r = work.apply(q);
            fx.execute(() -> {
                try {
                    apply.accept(q, r);
                } finally {
                    ws.forEach(w -> w.complete(null));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("latent view task failed", e);
            fx.execute(() -> ws.forEach(w -> w.completeExceptionally(e)));
        }
        return null;
    }

    private void failAll(Throwable err) {
        List<CompletableFuture<Void>> ws;
        synchronized (lock) {
            ws = waiters;
            waiters = new ArrayList<>();
            pending = null;
            scheduled = false;
        }
        ws.forEach(w -> w.completeExceptionally(err));
    }
}
