package io.latentlab.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.service.EngineInfo;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import org.junit.jupiter.api.Test;

/** About's version and engine line, on the same-thread executor. */
class AboutViewModelTest {

    @Test
    void theVersionIsTheBuildsNotDev() {
        // target/classes carries the version.properties Maven filtered with the project version
        assertThat(AboutViewModel.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(new AboutViewModel(null).header())
                .isEqualTo("Latent Lab " + AboutViewModel.version());
    }

    @Test
    void theEngineIsReadInAnInvisibleEngineJob() {
        AppContext ctx = AppContext.sameThread(FxTestSupport.prefs("about"));
        AboutViewModel vm = new AboutViewModel(ctx.jobs());
        assertThat(vm.engineProperty().get()).isEqualTo("reading...");
        Job<EngineInfo> job = vm.load();
        assertThat(job.isVisible()).isFalse();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(vm.engineProperty().get()).startsWith("PyTorch 2.").contains("(DJL 0.");
        assertThat(vm.threads())
                .contains(Runtime.getRuntime().availableProcessors() + " processors");
        assertThat(vm.licences()).contains("Apache 2.0").contains("MNIST");
    }
}
