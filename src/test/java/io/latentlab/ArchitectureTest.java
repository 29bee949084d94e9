package io.latentlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.latentlab.model.Autoencoder;
import io.latentlab.service.ModelHandle;

import javafx.css.Styleable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers: the core (data, model, training, analysis, study, report, service) runs headless
 * and knows nothing of the UI; the UI talks to it with plain arrays and never touches the
 * engine; view models hold state, not scene nodes.
 */
class ArchitectureTest {

    private static final String[] CORE = {"io.latentlab.data..", "io.latentlab.model..",
        "io.latentlab.training..", "io.latentlab.analysis..", "io.latentlab.study..",
        "io.latentlab.report..", "io.latentlab.service..", "io.latentlab.cluster.."};
    private static final String[] UI = {"io.latentlab.ui..", "io.latentlab.app.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.latentlab");
    }

    @Test
    void coreImportsNeitherJavaFxNorTheUi() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.latentlab.ui..",
                        "io.latentlab.app..", "io.latentlab.cli..")
                .check(classes);
    }

    @Test
    void uiNeverTouchesTheEngine() {
        noClasses().that().resideInAnyPackage(UI)
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "com.hazelcast..")
                .orShould().dependOnClassesThat().belongToAnyOf(Autoencoder.class)
                .orShould().callMethod(ModelHandle.class, "autoencoder")
                .check(classes);
    }

    @Test
    void viewModelsHoldNoSceneNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
                .check(classes);
    }

    @Test
    void theCommandLineDoesNotUseTheUi() {
        noClasses().that().resideInAPackage("io.latentlab.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.latentlab.ui..", "javafx..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToStandardOutput() {
        noClasses().that().resideOutsideOfPackages("io.latentlab.cli..", "io.latentlab.app..")
                .should().accessField(System.class, "out")
                .check(classes);
    }

    @Test
    void theUiStylesThroughTheStylesheetOnly() {
        // inline styles scatter colours that no theme can change: a style class instead
        DescribedPredicate<JavaMethodCall> setStyle = DescribedPredicate.describe(
                "setStyle(String) of a styleable JavaFX object",
                call -> call.getName().equals("setStyle")
                        && call.getTargetOwner().isAssignableTo(Styleable.class));
        noClasses().that().resideInAnyPackage(UI)
                .should().callMethodWhere(setStyle)
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.latentlab.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("io.latentlab.ui.(**)").should().beFreeOfCycles().check(classes);
    }
}
