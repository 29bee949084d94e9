package io.latentlab.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import java.util.List;

import org.junit.jupiter.api.Test;

class JobsTest {

    private final ManualExecutor engine = new ManualExecutor();
    private final Jobs jobs = new Jobs(engine, engine, Runnable::run);

    /** Counts to {@code n}, one step per engine task. */
    private static Job.Steps<Integer> counter(int n, List<String> log) {
        return new Job.Steps<>() {
            int i;

            @Override
            public boolean step(JobContext ctx) {
                if (ctx.isCancelled()) {
                    log.add("wind down at " + i);
                    return false;
                }
                log.add("step " + ++i);
                ctx.progress(i, n);
                return i < n;
            }

            @Override
            public Integer result() {
                return i;
            }
        };
    }

    @Test
    void successReachesTheCallbacksAndTheRegistryEmpties() {
        List<String> log = new ArrayList<>();
        Job<Integer> job = jobs.submit(Job.onEngine("answer", c -> {
            c.progress(1, 2);
            c.message("half");
            return 42;
        }).onSuccess(v -> log.add("ok " + v)).onFinished(() -> log.add("finished")));
        assertThat(jobs.running()).containsExactly(job);
        assertThat(job.stateProperty().get()).isEqualTo(JobState.WAITING);
        engine.runAll();
        assertThat(log).containsExactly("ok 42", "finished");
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.messageProperty().get()).isEqualTo("half");
        assertThat(job.progressProperty().get()).isEqualTo(1.0);
        assertThat(jobs.running()).isEmpty();
        assertThat(jobs.lastEndedProperty().get()).isSameAs(job);
    }

    @Test
    void failureReachesOnFailureWithTheException() {
        List<Throwable> errors = new ArrayList<>();
        Job<Object> job = jobs.submit(Job.onEngine("bad", c -> {
            throw new IllegalStateException("boom");
        }).onFailure(errors::add));
        engine.runAll();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
    }

    @Test
    void cancellingAQueuedJobDropsItAtOnceAndItsWorkNeverRuns() {
        List<String> log = new ArrayList<>();
        Job<String> job = jobs.submit(Job.onEngine("queued", c -> {
            log.add("ran");
            return "x";
        }).onCancelled(() -> log.add("cancelled")).onSuccess(v -> log.add("success")));
        job.cancel();
        assertThat(log).containsExactly("cancelled");
        assertThat(jobs.running()).isEmpty();
        engine.runAll();
        assertThat(log).containsExactly("cancelled");
    }

    @Test
    void checkCancelledEndsARunningJobAsCancelled() {
        List<String> log = new ArrayList<>();
        Job<String>[] self = new Job[1];
        self[0] = jobs.submit(Job.onEngine("long", c -> {
            self[0].cancel(); // as if the user pressed Cancel mid-way
            c.checkCancelled();
            return "never";
        }).onCancelled(() -> log.add("cancelled")).onSuccess(v -> log.add(v)));
        engine.runAll();
        assertThat(log).containsExactly("cancelled");
        assertThat(self[0].stateProperty().get()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void otherEngineJobsRunBetweenSteps() {
        List<String> log = new ArrayList<>();
        jobs.submit(Job.steps("count", counter(3, log)));
        engine.runNext();
        jobs.submit(Job.onEngine("other", c -> log.add("other")).visible(false));
        engine.runAll();
        assertThat(log).containsExactly("step 1", "step 2", "other", "step 3");
    }

    @Test
    void aPausedJobHoldsNoEngineTaskAndOthersRun() {
        List<String> log = new ArrayList<>();
        Job<Integer> job = jobs.submit(Job.steps("count", counter(3, log))
                .onSuccess(v -> log.add("done " + v)));
        engine.runNext();
        job.pause();
        engine.runAll(); // the step queued before the pause parks the job
        assertThat(job.stateProperty().get()).isEqualTo(JobState.PAUSED);
        assertThat(engine.queue).isEmpty();
        jobs.submit(Job.onEngine("reconstruct", c -> log.add("reconstruct")));
        engine.runAll();
        assertThat(log).containsExactly("step 1", "reconstruct");
        job.resume();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.RUNNING);
        engine.runAll();
        assertThat(log).containsExactly("step 1", "reconstruct", "step 2", "step 3", "done 3");
    }

    @Test
    void cancellingAPausedJobGivesItOneStepToWindDownAndDeliversItsResult() {
        List<String> log = new ArrayList<>();
        Job<Integer> job = jobs.submit(Job.steps("count", counter(5, log))
                .onSuccess(v -> log.add("done " + v)));
        engine.runNext();
        job.pause();
        engine.runAll();
        job.cancel();
        engine.runAll();
        assertThat(log).containsExactly("step 1", "wind down at 1", "done 1");
    }

    @Test
    void elapsedTimeExcludesPausedTime() {
        Job<Integer> job = jobs.submit(Job.steps("count", counter(2, new ArrayList<>())));
        engine.runNext();
        job.pause();
        engine.runAll();
        long now = System.nanoTime();
        double atPause = job.elapsedSeconds(now);
        assertThat(job.elapsedSeconds(now + 60_000_000_000L)).isEqualTo(atPause);
    }

    @Test
    void latestWinsCancelsTheSupersededRequestAndDeliversOnlyTheLatest() {
        LatestWins latest = new LatestWins(jobs);
        List<String> log = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            latest.submit("digit", Job.onEngine("r" + n, c -> {
                log.add("computed " + n);
                return n;
            }).onSuccess(v -> log.add("applied " + v)));
        }
        engine.runAll();
        assertThat(log).containsExactly("computed 3", "applied 3");
        assertThat(latest.isPending("digit")).isFalse();
    }

    @Test
    void latestWinsNeverAppliesAResultOvertakenWhileItRan() {
        LatestWins latest = new LatestWins(jobs);
        List<String> log = new ArrayList<>();
        latest.submit("digit", Job.onEngine("old", c -> {
            // a newer request arrives while this one computes
            latest.submit("digit", Job.onEngine("new", c2 -> "new")
                    .onSuccess(v -> log.add("applied " + v)));
            return "old";
        }).onSuccess(v -> log.add("applied " + v)));
        engine.runAll();
        assertThat(log).containsExactly("applied new");
    }

    @Test
    void aMessageSetOnTheFxThreadIsNotOverwrittenByALaterProgressUpdate() {
        Job<Integer> job = jobs.submit(Job.steps("count", new Job.Steps<Integer>() {
            int i;

            @Override
            public boolean step(JobContext ctx) {
                if (++i == 1) {
                    ctx.message("from the work");
                }
                ctx.progress(i, 2);
                return i < 2;
            }

            @Override
            public Integer result() {
                return i;
            }
        }));
        engine.runNext();
        assertThat(job.messageProperty().get()).isEqualTo("from the work");
        job.messageProperty().set("from the view");
        engine.runAll();
        assertThat(job.messageProperty().get()).isEqualTo("from the view");
    }

    @Test
    void latestWinsCancelAllRunsNoCallbackOfAnyRequest() {
        LatestWins latest = new LatestWins(jobs);
        List<String> log = new ArrayList<>();
        latest.submit("a", Job.onEngine("a", c -> "a").onCancelled(() -> log.add("a cancelled"))
                .onFinished(() -> log.add("a finished")));
        latest.submit("b", Job.onEngine("b", c -> "b").onSuccess(log::add));
        latest.cancelAll();
        engine.runAll();
        assertThat(log).isEmpty();
        assertThat(jobs.running()).isEmpty();
    }

    @Test
    void sameThreadJobsHaveRunWhenSubmitReturns() {
        Jobs direct = Jobs.sameThread();
        List<String> log = new ArrayList<>();
        direct.submit(Job.onWorker("file", c -> "read").onSuccess(log::add));
        assertThat(log).containsExactly("read");
    }

    @Test
    void formatsDurations() {
        assertThat(Durations.format(12.4)).isEqualTo("12 s");
        assertThat(Durations.format(185)).isEqualTo("3 min 05 s");
        assertThat(Durations.format(3725)).isEqualTo("1 h 02 min");
        assertThat(Durations.format(Double.NaN)).isEmpty();
    }
}
