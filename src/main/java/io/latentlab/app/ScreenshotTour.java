package io.latentlab.app;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.latent.TsneMapViewModel;
import io.latentlab.ui.reconstruction.ReconstructViewModel;
import io.latentlab.ui.shell.AppTheme;
import io.latentlab.ui.shell.MainWindow;
import io.latentlab.ui.training.TrainView;
import io.latentlab.ui.training.TrainViewModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the running app through each view and saves a PNG of the window for each, for the
 * README. Started with {@code -Dlatentlab.screenshots=DIR} (see {@code tools/screenshots.sh},
 * which runs it under a virtual display); the app quits when done.
 *
 * <p>With {@code -Dlatentlab.screenshots.check=true} it fills the views the same way, then
 * saves every view at every size of {@code latentlab.screenshots.size} (default
 * {@code 1280x800,1920x1080}) in every theme of {@code latentlab.screenshots.theme} (default
 * {@code light,dark}; also {@code nord-light}, {@code nord-dark}) as
 * {@code <view>-<W>x<H>-<theme>.png}, for checking layout and contrast by eye.
 */
final class ScreenshotTour {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTour.class);

    private final AppContext ctx;
    private final MainWindow window;
    private final Path dir;
    private final Deque<Runnable> steps = new ArrayDeque<>();
    private final boolean check = Boolean.getBoolean("latentlab.screenshots.check");

    /** A view the check visits: main tab and, in the Study view, its tab. */
    private record View(String name, int tab, int studyTab) {}

    private static final List<View> VIEWS = List.of(new View("train", 0, -1),
            new View("reconstruct", 1, -1), new View("latent", 2, -1),
            new View("study-grid", 3, 0), new View("study-ed", 3, 1),
            new View("study-noise", 3, 2), new View("study-metrics", 3, 3));

    ScreenshotTour(AppContext ctx, MainWindow window, Path dir) {
        this.ctx = ctx;
        this.window = window;
        this.dir = dir;
    }

    void start() {
        // remembered settings of an earlier tour must not change the pictures
        window.themeProperty().set(AppTheme.PRIMER_LIGHT);
        window.help().tips().close();
        // the README's pictures at one size, whatever size a --check tour left remembered
        Stage stage = (Stage) window.getScene().getWindow();
        stage.setMaximized(false);
        stage.setWidth(1280);
        stage.setHeight(800);
        // reconstruct and latent show the model discovery picked; the training run comes last
        waitFor(() -> ctx.dataProperty().get() != null && ctx.activeModelProperty().get() != null,
                120);
        steps.add(() -> {
            window.tabs().getSelectionModel().select(1);
            ReconstructViewModel vm = window.reconstructView().viewModel();
            vm.showTestDigit(3);
            vm.noiseKindProperty().set(ReconstructViewModel.NoiseKind.GAUSSIAN);
            vm.sigmaProperty().set(0.5);
            next();
        });
        pause(3);
        readmeShot("reconstruct.png");
        // the latent sliders of the same digit, opened
        steps.add(() -> {
            window.reconstructView().viewModel().sliders().openProperty().set(true);
            next();
        });
        pause(2);
        readmeShot("reconstruct-sliders.png");
        steps.add(() -> {
            window.reconstructView().viewModel().sliders().openProperty().set(false);
            next();
        });
        steps.add(() -> {
            window.tabs().getSelectionModel().select(2);
            next();
        });
        pause(2);
        waitFor(() -> !window.latentView().viewModel().busyProperty().get()
                && window.latentView().viewModel().projectionProperty().get() != null, 120);
        pause(1);
        readmeShot("latent.png");
        // the A-B line between a 0 and a 9 of the test set, then the plain map again
        steps.add(() -> {
            var line = window.latentView().viewModel().interpolation();
            line.setA(3);
            line.setB(7);
            next();
        });
        waitFor(() -> window.latentView().viewModel().interpolation().stripProperty().get()
                != null, 60);
        pause(1);
        readmeShot("latent-interpolation.png");
        steps.add(() -> {
            window.latentView().viewModel().interpolation().clear();
            next();
        });
        tsneShot();
        steps.add(() -> {
            window.tabs().getSelectionModel().select(3);
            window.studyView().tabs().getSelectionModel().select(2);
            // the plain ED=4 and ED=32 beside their denoising twins, where they ship
            var choice = window.studyView().viewModel().noise().models();
            List<ActiveModel> four = choice.all().stream().filter(m -> m.dir() != null
                    && List.of("ed4", "ed32", "ed4-denoise", "ed32-denoise")
                            .contains(m.dir().getFileName().toString())).toList();
            if (four.size() == 4) {
                choice.choose(four);
            }
            window.studyView().viewModel().noise().run();
            next();
        });
        pause(1);
        waitFor(() -> !window.studyView().viewModel().busyProperty().get(), 300);
        pause(1);
        readmeShot("study.png");
        Path grid = Path.of("docs", "grid-search", "ed32.csv");
        if (Files.isRegularFile(grid)) {
            // the study's own grid search, as a user would open it
            steps.add(() -> {
                window.studyView().tabs().getSelectionModel().select(0);
                window.studyView().viewModel().grid().open(grid);
                next();
            });
            waitFor(() -> window.studyView().viewModel().grid().resultProperty().get() != null, 30);
            pause(1);
            readmeShot("study-grid.png");
            if (!check) {
                // the Cluster section opened and connected: a cluster of this app alone
                steps.add(() -> {
                    if (window.getScene().lookup("#study-grid-cluster")
                            instanceof javafx.scene.control.TitledPane pane) {
                        pane.setExpanded(true);
                    }
                    window.studyView().viewModel().grid().cluster().connect(1);
                    next();
                });
                waitFor(() -> !window.studyView().viewModel().grid().cluster().members()
                        .isEmpty(), 60);
                pause(1);
                // once the opened section is laid out: scrolled into view
                steps.add(() -> {
                    Node pane = window.getScene().lookup("#study-grid-cluster");
                    if (pane != null) {
                        scrollToEnd(pane);
                    }
                    next();
                });
                pause(1);
                shot("study-grid-cluster.png");
                steps.add(() -> {
                    window.studyView().viewModel().grid().cluster().leave();
                    next();
                });
                waitFor(() -> !window.studyView().viewModel().grid().cluster().busyProperty()
                        .get(), 60);
            }
        }
        steps.add(() -> {
            window.tabs().getSelectionModel().select(0);
            TrainViewModel vm = window.trainView().viewModel();
            // ED=8 at this learning rate sits on its plateau (a blank output) for ~9 epochs;
            // ED=32 on 10,000 digits leaves it in the first, so the picture shows learning
            vm.valueProperty(TrainViewModel.Field.ED).set("32");
            vm.valueProperty(TrainViewModel.Field.TRAIN_LIMIT).set("10000");
            vm.valueProperty(TrainViewModel.Field.BATCH).set("250");
            // the check looks at layout, not at learning: a shorter run will do
            vm.valueProperty(TrainViewModel.Field.MAX_EPOCHS).set(check ? "3" : "6");
            vm.start();
            next();
        });
        pause(2);
        if (!check) {
            // the latent space learning, live in the Latent view, half way through the run
            waitFor(() -> {
                var l = window.trainView().viewModel().latentProperty().get();
                return l != null && l.epoch() >= 3;
            }, 300);
            steps.add(() -> {
                window.tabs().getSelectionModel().select(2);
                next();
            });
            pause(1);
            readmeShot("latent-trail.png");
            steps.add(() -> {
                window.tabs().getSelectionModel().select(0);
                next();
            });
        }
        waitFor(() -> !window.trainView().viewModel().stateProperty().get().active(), 300);
        pause(1);
        readmeShot("train.png");
        if (check) {
            steps.add(() -> {
                window.studyView().viewModel().metrics().run();
                next();
            });
            pause(1);
            waitFor(() -> !window.studyView().viewModel().busyProperty().get(), 300);
            checkShots();
        } else {
            steps.add(() -> {
                window.themeProperty().set(AppTheme.PRIMER_DARK);
                window.tabs().getSelectionModel().select(1);
                next();
            });
            pause(2);
            shot("reconstruct-dark.png");
        }
        steps.add(Platform::exit);
        next();
    }

    /**
     * The t-SNE map of the shipped ED=32 model (the one whose PCA map looks mixed), then the
     * model and the PCA map shown before.
     */
    private void tsneShot() {
        var map = window.latentView().viewModel().tsneMap();
        AppContext.ActiveModel[] before = new AppContext.ActiveModel[1];
        steps.add(() -> {
            before[0] = ctx.activeModelProperty().get();
            ctx.models().stream().filter(m -> m.dir() != null
                    && m.dir().getFileName().toString().equals("ed32")).findFirst()
                    .ifPresent(m -> ctx.activeModelProperty().set(m));
            map.kindProperty().set(TsneMapViewModel.MapKind.TSNE);
            next();
        });
        pause(1);
        waitFor(() -> !map.busyProperty().get()
                && window.latentView().viewModel().projectionProperty().get() != null, 600);
        pause(1);
        readmeShot("latent-tsne.png");
        steps.add(() -> {
            map.kindProperty().set(TsneMapViewModel.MapKind.PCA);
            ctx.activeModelProperty().set(before[0]);
            next();
        });
    }

    /** Every view at every size in every theme, once the views have their data. */
    private void checkShots() {
        List<String> sizes = List.of(System.getProperty("latentlab.screenshots.size",
                "1280x800,1920x1080").split(","));
        List<String> themes = List.of(System.getProperty("latentlab.screenshots.theme",
                "light,dark").split(","));
        for (String size : sizes) {
            String[] wh = size.trim().split("x");
            double w = Double.parseDouble(wh[0]);
            double h = Double.parseDouble(wh[1]);
            for (String themeName : themes) {
                AppTheme theme = themeOf(themeName.trim());
                steps.add(() -> {
                    Stage stage = (Stage) window.getScene().getWindow();
                    stage.setMaximized(false);
                    stage.setWidth(w);
                    stage.setHeight(h);
                    window.themeProperty().set(theme);
                    next();
                });
                for (View v : VIEWS) {
                    steps.add(() -> {
                        window.tabs().getSelectionModel().select(v.tab());
                        if (v.studyTab() >= 0) {
                            window.studyView().tabs().getSelectionModel().select(v.studyTab());
                        }
                        next();
                    });
                    pause(1);
                    shot(v.name() + "-" + size.trim() + "-" + themeName.trim() + ".png");
                    if (size.equals(sizes.get(0))) {
                        export("export-" + v.name() + "-" + themeName.trim() + ".png");
                    }
                }
            }
        }
    }

    /** "light" and "dark" are the Primer themes; the others go by their preference id. */
    private static AppTheme themeOf(String name) {
        return switch (name) {
            case "light" -> AppTheme.PRIMER_LIGHT;
            case "dark" -> AppTheme.PRIMER_DARK;
            default -> AppTheme.fromId(name);
        };
    }

    /** What File > Export view as PNG writes for the selected view. */
    private void export(String name) {
        steps.add(() -> {
            Node view = window.tabs().getSelectionModel().getSelectedItem().getContent();
            try {
                TrainView.writePng(view, dir.resolve(name));
            } catch (IOException e) {
                LOG.error("could not write {}", name, e);
            }
            next();
        });
    }

    /** Scrolls the scroll pane around {@code node} to its end. */
    private static void scrollToEnd(Node node) {
        for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                sp.layout();
                sp.setVvalue(sp.getVmax());
                return;
            }
        }
    }

    private void readmeShot(String name) {
        if (!check) {
            shot(name);
        }
    }

    private void next() {
        Runnable r = steps.poll();
        if (r != null) {
            r.run();
        }
    }

    private void pause(double seconds) {
        steps.add(() -> {
            PauseTransition p = new PauseTransition(Duration.seconds(seconds));
            p.setOnFinished(e -> next());
            p.play();
        });
    }

    private void waitFor(BooleanSupplier condition, double timeoutSeconds) {
        steps.add(() -> poll(condition, System.nanoTime() + (long) (timeoutSeconds * 1e9)));
    }

    private void poll(BooleanSupplier condition, long deadline) {
        if (condition.getAsBoolean() || System.nanoTime() > deadline) {
            next();
            return;
        }
        PauseTransition p = new PauseTransition(Duration.millis(250));
        p.setOnFinished(e -> poll(condition, deadline));
        p.play();
    }

    private void shot(String name) {
        steps.add(() -> {
            Scene scene = window.getScene();
            WritableImage image = scene.snapshot(null);
            try {
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                        dir.resolve(name).toFile());
                LOG.warn("screenshot {}", dir.resolve(name));
            } catch (IOException e) {
                LOG.error("could not write {}", name, e);
            }
            next();
        });
    }
}
