package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.Seeds;
import io.latentlab.report.ReportWriter;
import io.latentlab.study.GridSearch;
import io.latentlab.training.TrainingConfig;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's defaults are the core's, and a shared option has one default. */
class CliOptionsTest {

    private static <T> T parsed(String command, String... args) {
        CommandLine cli = new CommandLine(new LatentLabCli());
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        cli.parseArgs(all);
        return cli.getSubcommands().get(command).getCommand();
    }

    @Test
    void trainWithoutOptionsUsesTheTrainingDefaults() {
        TrainCommand train = parsed("train");
        assertThat(train.config()).isEqualTo(TrainingConfig.defaults(32));
    }

    @Test
    void gridSearchWithoutOptionsUsesTheStudyGrid() {
        GridSearchCommand grid = parsed("grid-search", "--out", "g.csv");
        assertThat(grid.options()).isEqualTo(GridSearch.Options.defaults(32));
    }

    @Test
    void trainOptionsReachTheConfig() {
        TrainCommand train = parsed("train", "--ed", "4", "--lr", "3e-3", "--wd", "0", "--batch",
                "250", "--max-epochs", "7", "--patience", "5", "--tolerance", "1e-3", "--seed",
                "9", "--train-limit", "800", "--val-fraction", "0.2", "--monitor", "test");
        assertThat(train.config()).isEqualTo(TrainingConfig.builder(4).learningRate(3e-3)
                .weightDecay(0).batchSize(250).maxEpochs(7).patience(5).tolerance(1e-3).seed(9)
                .trainLimit(800).valFraction(0.2).monitor(io.latentlab.training.Monitor.TEST)
                .build());
    }

    @Test
    void everyCommandsHelpFormatsWithoutAPicocliWarning() {
        CommandLine cli = new CommandLine(new LatentLabCli());
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            for (CommandLine sub : cli.getSubcommands().values()) {
                // a lone % in a description ("10% below") makes picocli warn on stderr
                assertThat(sub.getUsageMessage()).isNotEmpty();
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).doesNotContain("picocli WARN");
    }

    @Test
    void anOptionSharedByCommandsHasOneDefaultAndOneDescription() {
        CommandLine cli = new CommandLine(new LatentLabCli());
        Map<String, Set<String>> defaults = new TreeMap<>();
        Map<String, Set<String>> descriptions = new TreeMap<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                String key = o.longestName();
                defaults.computeIfAbsent(key, k -> new TreeSet<>())
                        .add(String.valueOf(o.defaultValue()));
                descriptions.computeIfAbsent(key, k -> new TreeSet<>())
                        .add(String.join(" ", o.description()));
            }
        }
        for (String shared : new String[] {"--data", "--ed", "--batch", "--limit", "--clip",
            "--knn-train", "--train-limit", "--verbose", "--help", "--seed"}) {
            assertThat(defaults.get(shared)).as(shared).hasSize(1);
            assertThat(descriptions.get(shared)).as(shared).hasSize(1);
        }
        assertThat(defaults.get("--ed")).containsExactly("32");
        assertThat(defaults.get("--batch")).containsExactly(
                Integer.toString(TrainingConfig.defaults(32).batchSize()));
    }

    @Test
    void everyCommandThatDrawsAtRandomHasTheOneSeedDefault() {
        CommandLine cli = new CommandLine(new LatentLabCli());
        Set<String> withSeed = new TreeSet<>();
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            OptionSpec seed = sub.getValue().getCommandSpec().findOption("--seed");
            if (seed != null) {
                withSeed.add(sub.getKey());
                assertThat(seed.defaultValue()).as(sub.getKey()).isEqualTo("1");
                // the help shows the default (its lines joined)
                assertThat(sub.getValue().getUsageMessage().replaceAll("\\s+", " "))
                        .as(sub.getKey())
                        .contains("default: 1, the seed of the shipped models");
            }
        }
        assertThat(withSeed).containsExactly("evaluate", "grid-search", "latent-metrics",
                "noise-table", "report", "train");
        // the core's defaults are the same seed
        assertThat(Seeds.DEFAULT).isEqualTo(1);
        assertThat(TrainingConfig.defaults(32).seed()).isEqualTo(Seeds.DEFAULT);
        assertThat(GridSearch.Options.defaults(32).seed()).isEqualTo(Seeds.DEFAULT);
        assertThat(ReportWriter.Options.defaults().seed()).isEqualTo(Seeds.DEFAULT);
    }
}
