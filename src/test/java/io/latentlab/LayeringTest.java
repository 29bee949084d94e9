package io.latentlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core packages must stay free of UI code so they can run headless (CLI, tests). */
class LayeringTest {

    private static final Path ROOT = Path.of("src/main/java/io/latentlab");
    // study and report are headless too: the CLI runs them without a display
    private static final List<String> CORE = List.of("data", "model", "training", "analysis",
            "study", "report");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(javafx\\.|io\\.latentlab\\.(ui|app)\\b)");

    @Test
    void corePackagesDoNotDependOnTheUi() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scannedInData = 0;
        for (String pkg : CORE) {
            Path dir = ROOT.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue; // a package that does not exist yet cannot break the rule
            }
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(dir)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : sources) {
                if (pkg.equals("data")) {
                    scannedInData++;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int n = 0; n < lines.size(); n++) {
                    if (FORBIDDEN.matcher(lines.get(n)).find()) {
                        offenders.add(file + ":" + (n + 1) + ": " + lines.get(n).strip());
                    }
                }
            }
        }
        assertThat(scannedInData).as("java files scanned in %s", ROOT.resolve("data"))
                .isPositive();
        assertThat(offenders).as("UI imports in core packages").isEmpty();
    }
}
