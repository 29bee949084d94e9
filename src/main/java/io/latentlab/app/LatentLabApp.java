package io.latentlab.app;

import io.latentlab.data.MnistData;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.shell.MainWindow;

import java.util.concurrent.CompletableFuture;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/** The desktop application. */
public final class LatentLabApp extends Application {

    private AppContext ctx;

    @Override
    public void start(Stage stage) {
        ctx = AppContext.forApp();
        MainWindow window = new MainWindow(ctx);
        stage.setTitle(ctx.text("app.title"));
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
        loadData(ctx);
    }

    /**
     * Loads the dataset off the FX thread and publishes it to the context.
     *
     * @param ctx shared services
     */
    static void loadData(AppContext ctx) {
        ctx.jobs().start(ctx.text("status.loadingData"), null);
        CompletableFuture.supplyAsync(() -> {
            try {
                return MnistData.load(MnistData.defaultDir());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((data, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof java.io.UncheckedIOException u) {
                    cause = u.getCause();
                }
                ctx.jobs().finish(ctx.text("error.data"));
                Alert alert = new Alert(Alert.AlertType.ERROR, cause.getMessage());
                alert.setHeaderText(ctx.text("error.data"));
                alert.show();
            } else {
                ctx.dataProperty().set(data);
                ctx.jobs().finish(ctx.text("status.ready"));
            }
        }));
    }

    @Override
    public void stop() {
        if (ctx != null) {
            ctx.close();
        }
    }
}
