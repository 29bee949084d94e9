package io.latentlab.ui.common;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class EmptyStateTest {

    @Start
    void start(Stage stage) {
        // the FX toolkit only
    }

    @Test
    void showsTheSentenceOrTheContentAndFollowsBoth() throws Exception {
        Pane chart = new Pane();
        chart.setId("some-chart");
        SimpleBooleanProperty hasData = new SimpleBooleanProperty(false);
        SimpleStringProperty text = new SimpleStringProperty("Press Run.");
        StackPane pane = fx(() -> EmptyState.wrap(chart, text, hasData));
        Label label = (Label) pane.getChildren().get(1);
        assertThat(pane.getChildren().get(0)).isSameAs(chart);
        assertThat(label.getId()).isEqualTo("some-chart-empty");
        assertThat(label.getStyleClass()).contains("empty-state");
        assertThat(label.getText()).isEqualTo("Press Run.");
        assertThat(label.isVisible()).isTrue();
        assertThat(chart.isVisible()).isFalse();
        // the hidden chart keeps its place in the layout
        assertThat(chart.isManaged()).isTrue();

        fx(() -> {
            hasData.set(true);
            text.set("Computing.");
            return null;
        });
        assertThat(label.isVisible()).isFalse();
        assertThat(chart.isVisible()).isTrue();
        assertThat(label.getText()).isEqualTo("Computing.");

        fx(() -> {
            hasData.set(false);
            return null;
        });
        assertThat(label.isVisible()).isTrue();
        assertThat(chart.isVisible()).isFalse();
    }
}
