package io.latentlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.ManualExecutor;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.jobs.Jobs;

import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

/**
 * The status bar's view model over several jobs at once. The engine queue is run by hand, so
 * two jobs are running at the same time without threads, sleeps or polling.
 */
class StatusViewModelTest {

    /** Steps to {@code n}; between steps the test decides what runs. */
    private static final class Counter implements Job.Steps<Integer> {
        final int n;
        int i;
        boolean finish;

        Counter(int n) {
            this.n = n;
        }

        @Override
        public boolean step(JobContext ctx) {
            if (ctx.isCancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            i++;
            ctx.progress(i, n);
            ctx.message("step " + i);
            return !finish && i < n;
        }

        @Override
        public Integer result() {
            return i;
        }
    }

    private final ManualExecutor engine = new ManualExecutor();
    private final AppContext ctx = new AppContext(new Jobs(engine, engine, Runnable::run),
            Preferences.userRoot().node("latent-lab-tests/status"), () -> { });
    private final StatusViewModel vm = new StatusViewModel(ctx);

    /** Submits a stepped job and runs queued tasks until its first step has run. */
    private Job<Integer> started(String title, Counter steps) {
        Job<Integer> job = ctx.jobs().submit(Job.steps(title, steps));
        while (job.stateProperty().get() == JobState.WAITING) {
            engine.runNext();
        }
        return job;
    }

    /** Runs queued tasks until none is left or {@code n} have run. */
    private void run(int n) {
        for (int k = 0; k < n && !engine.queue.isEmpty(); k++) {
            engine.runNext();
        }
    }

    @Test
    void twoJobsRunningAtOnceAreBothListedAndTheNewestIsShown() {
        Counter a = new Counter(10);
        Counter b = new Counter(4);
        Job<Integer> jobA = ctx.jobs().submit(Job.steps("Latent metrics", a));
        Job<Integer> jobB = ctx.jobs().submit(Job.steps("Training ED=8", b));
        run(2); // one step of each; both stay running

        assertThat(vm.running()).containsExactly(jobA, jobB);
        assertThat(jobA.stateProperty().get()).isEqualTo(JobState.RUNNING);
        assertThat(jobB.stateProperty().get()).isEqualTo(JobState.RUNNING);
        assertThat(vm.currentProperty().get()).isSameAs(jobB);
        assertThat(vm.titleProperty().get()).isEqualTo("Training ED=8");
        assertThat(vm.progressProperty().get()).isEqualTo(0.25);
        assertThat(vm.messageProperty().get()).isEqualTo("step 1");
        assertThat(vm.moreProperty().get()).isEqualTo(1);
        assertThat(vm.moreText()).isEqualTo("+1 more");
        assertThat(vm.cancellableProperty().get()).isTrue();
        assertThat(vm.finalMessageProperty().get()).isEmpty();
    }

    @Test
    void theFirstJobFinishingDoesNotClearTheSecondsTitleOrProgress() {
        Counter a = new Counter(10);
        Counter b = new Counter(4);
        Job<Integer> jobA = ctx.jobs().submit(Job.steps("Latent metrics", a));
        Job<Integer> jobB = ctx.jobs().submit(Job.steps("Training ED=8", b));
        run(2);
        run(2); // B at step 2 of 4
        a.finish = true;
        run(1); // A's last step: A ends while B runs

        assertThat(jobA.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(vm.running()).containsExactly(jobB);
        assertThat(vm.titleProperty().get()).isEqualTo("Training ED=8");
        assertThat(vm.progressProperty().get()).isEqualTo(0.5);
        assertThat(vm.moreText()).isEmpty();
        // A's final message does not show while B runs
        assertThat(vm.finalMessageProperty().get()).isEmpty();
    }

    @Test
    void theNewestJobFinishingShowsTheOlderOneAgain() {
        Job<Integer> jobA = started("Latent metrics", new Counter(10));
        Counter b = new Counter(10);
        b.finish = true;
        ctx.jobs().submit(Job.steps("Saving", b));
        assertThat(vm.titleProperty().get()).isEqualTo("Saving");
        run(1); // A's next step
        run(1); // B's only step: B ends
        assertThat(vm.currentProperty().get()).isSameAs(jobA);
        assertThat(vm.titleProperty().get()).isEqualTo("Latent metrics");
        assertThat(vm.progressProperty().get()).isEqualTo(0.2);
        assertThat(vm.finalMessageProperty().get()).isEmpty();
    }

    @Test
    void cancelOnOneJobCancelsOnlyIt() {
        Counter a = new Counter(10);
        Counter b = new Counter(10);
        Job<Integer> jobA = started("Latent metrics", a);
        Job<Integer> jobB = started("Training ED=8", b);
        // the bar's Cancel cancels the job it shows, B
        vm.cancelCurrent();
        run(2);
        assertThat(jobB.stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(jobA.stateProperty().get()).isEqualTo(JobState.RUNNING);
        assertThat(vm.running()).containsExactly(jobA);
        assertThat(vm.titleProperty().get()).isEqualTo("Latent metrics");
        int before = a.i;
        run(3);
        assertThat(a.i).isEqualTo(before + 3);
    }

    @Test
    void theFinalMessageAppearsOnlyWhenNothingRuns() {
        Counter a = new Counter(10);
        Counter b = new Counter(10);
        started("Latent metrics", a);
        Job<Integer> jobB = started("Noise table", b);
        b.finish = true;
        run(2);
        assertThat(jobB.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(vm.finalMessageProperty().get()).isEmpty();

        a.finish = true;
        engine.runAll();
        assertThat(vm.running()).isEmpty();
        assertThat(vm.currentProperty().get()).isNull();
        assertThat(vm.titleProperty().get()).isEmpty();
        assertThat(vm.finalMessageProperty().get()).matches("Latent metrics finished in \\d+ s");

        // a new job hides it; its own end replaces it
        Job<Integer> next = started("Saving", new Counter(3));
        assertThat(vm.finalMessageProperty().get()).isEmpty();
        next.cancel();
        engine.runAll();
        assertThat(vm.finalMessageProperty().get()).isEqualTo("Saving cancelled");

        vm.dismissFinalMessage();
        assertThat(vm.finalMessageProperty().get()).isEmpty();
    }

    @Test
    void aFailedJobSaysSoAndAJobCanLeaveItsOwnFinalMessage() {
        ctx.jobs().submit(Job.onEngine("Opening /x", c -> {
            throw new IllegalStateException("broken");
        }));
        engine.runAll();
        assertThat(vm.finalMessageProperty().get()).isEqualTo("Opening /x failed");

        Job<String> save = Job.onEngine("Saving", c -> "/tmp/m");
        save.onSuccess(p -> vm.setFinalMessage(save, "Model saved to " + p));
        ctx.jobs().submit(save);
        engine.runAll();
        assertThat(vm.finalMessageProperty().get()).isEqualTo("Model saved to /tmp/m");
    }

    @Test
    void etaComesFromProgressAndRunningTimeAndAPausedJobSaysPaused() {
        Counter a = new Counter(2);
        Job<Integer> job = started("Training ED=8", a); // half done
        assertThat(job.progressProperty().get()).isEqualTo(0.5);
        long later = System.nanoTime() + 10_000_000_000L;
        vm.tick(later);
        // half done after t >= 10 s of running: t left
        double t = job.elapsedSeconds(later);
        assertThat(t).isGreaterThanOrEqualTo(10);
        assertThat(vm.etaProperty().get())
                .isEqualTo(io.latentlab.ui.jobs.Durations.format(t) + " left");

        job.pause();
        engine.runAll(); // the queued step parks the job
        assertThat(job.stateProperty().get()).isEqualTo(JobState.PAUSED);
        assertThat(vm.running()).containsExactly(job);
        assertThat(vm.etaProperty().get()).isEqualTo("Paused");
        assertThat(vm.titleProperty().get()).isEqualTo("Training ED=8");
        assertThat(vm.finalMessageProperty().get()).isEmpty();

        job.resume();
        assertThat(vm.etaProperty().get()).doesNotContain("Paused");
    }

    @Test
    void aJobAlmostDoneSaysFinishingNotZeroSeconds() {
        Counter a = new Counter(200);
        Job<Integer> job = started("Training ED=8", a);
        while (a.i < 199) {
            engine.runNext();
        }
        assertThat(job.progressProperty().get()).isEqualTo(0.995);
        // after t >= 10 s, 0.5 % left is t / 199 < 1 s (t would have to pass 199 s)
        vm.tick(System.nanoTime() + 10_000_000_000L);
        assertThat(vm.etaProperty().get()).isEqualTo("finishing\u2026");
    }

    @Test
    void aJobThatHasNotStartedSaysWaiting() {
        started("Training ED=8", new Counter(10));
        Job<Object> queued = ctx.jobs().submit(Job.onEngine("Latent metrics", c -> null));
        assertThat(vm.currentProperty().get()).isSameAs(queued);
        assertThat(vm.etaProperty().get()).isEqualTo("Waiting");
    }
}
