package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    void anOptionSharedByCommandsHasOneDefaultAndOneDescription() {
        CommandLine cli = new CommandLine(new LatentLabCli());
        Map<String, Set<String>> defaults = new TreeMap<>();
        Map<String, Set<String>> descriptions = new TreeMap<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                // --seed means three things: noise (0), training (1), latent subsets (42)
                String key = o.longestName() + (o.longestName().equals("--seed")
                        ? " " + o.defaultValue() : "");
                defaults.computeIfAbsent(key, k -> new TreeSet<>())
                        .add(String.valueOf(o.defaultValue()));
                descriptions.computeIfAbsent(key, k -> new TreeSet<>())
                        .add(String.join(" ", o.description()));
            }
        }
        for (String shared : new String[] {"--data", "--ed", "--batch", "--limit", "--clip",
            "--knn-train", "--train-limit", "--verbose", "--help", "--seed 0", "--seed 1"}) {
            assertThat(defaults.get(shared)).as(shared).hasSize(1);
            assertThat(descriptions.get(shared)).as(shared).hasSize(1);
        }
        assertThat(defaults.get("--ed")).containsExactly("32");
        assertThat(defaults.get("--batch")).containsExactly(
                Integer.toString(TrainingConfig.defaults(32).batchSize()));
        assertThat(defaults).containsKey("--seed " + TrainingConfig.defaults(32).seed());
    }
}
