package io.latentlab.cluster;

import io.latentlab.study.GridSearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A grid search as it goes over the wire to the members: its options, the checksum of the data
 * its fits must be trained on, and an id derived from both. The same search (same options, same
 * data) always has the same id, so fits finished in the cluster are found again by a resumed or
 * repeated search and never trained twice.
 *
 * @param id hex SHA-256 of the options and the data checksum
 * @param encodingDim ED
 * @param learningRates LRs
 * @param weightDecays WDs
 * @param folds folds
 * @param epochs epochs per fit
 * @param batchSize batch size
 * @param seed seed
 * @param trainLimit training subset size (0 = all)
 * @param maxLoss discard threshold
 * @param oscillation discard threshold
 * @param baselineMargin discard threshold
 * @param dataSha256 {@link io.latentlab.data.MnistData#checksum()} of the search's data
 */
public record SearchSpec(String id, int encodingDim, double[] learningRates,
        double[] weightDecays, int folds, int epochs, int batchSize, long seed, int trainLimit,
        double maxLoss, double oscillation, double baselineMargin, String dataSha256)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param options the search's options
     * @param dataSha256 checksum of its data
     * @return the spec
     */
    public static SearchSpec of(GridSearch.Options options, String dataSha256) {
        double[] lrs = options.learningRates().stream().mapToDouble(Double::doubleValue).toArray();
        double[] wds = options.weightDecays().stream().mapToDouble(Double::doubleValue).toArray();
        // the record's text lists every option (doubles printed exactly), so equal text = same search
        String id = sha256(options + "|" + dataSha256);
        return new SearchSpec(id, options.encodingDim(), lrs, wds, options.folds(),
                options.epochs(), options.batchSize(), options.seed(), options.trainLimit(),
                options.maxLoss(), options.oscillation(), options.baselineMargin(), dataSha256);
    }

    /** @return the options (validated again) */
    public GridSearch.Options options() {
        return new GridSearch.Options(encodingDim, boxed(learningRates), boxed(weightDecays),
                folds, epochs, batchSize, seed, trainLimit, maxLoss, oscillation,
                baselineMargin);
    }

    private static List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }
}
