package io.latentlab.ui.common;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FxTickerTest {

    @Start
    void start(Stage stage) {
        // the FX toolkit only
    }

    @Test
    void ticksOnTheFxThreadUntilStoppedAndAgainAfterARestart() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        AtomicBoolean offFx = new AtomicBoolean();
        AtomicInteger ticks = new AtomicInteger();
        FxTicker ticker = new FxTicker(5, () -> {
            offFx.compareAndSet(false, !Platform.isFxApplicationThread());
            ticks.incrementAndGet();
            three.countDown();
        });
        fx(() -> {
            ticker.start();
            ticker.start(); // a second start does not double the rate
            return null;
        });
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(offFx).isFalse();

        int atStop = fx(() -> {
            ticker.stop();
            return ticks.get();
        });
        assertThat(fx(ticker::isRunning)).isFalse();
        // ticks posted before stop() are dropped: the count is the one seen at stop
        fx(() -> null);
        assertThat(ticks.get()).isEqualTo(atStop);

        CountDownLatch again = new CountDownLatch(2);
        FxTicker second = new FxTicker(5, again::countDown);
        fx(() -> {
            second.start();
            return null;
        });
        assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
        fx(() -> {
            second.stop();
            return null;
        });
    }
}
