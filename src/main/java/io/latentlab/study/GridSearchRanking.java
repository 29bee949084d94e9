package io.latentlab.study;

import static io.latentlab.study.GridSearch.NEAR_TIE;
import static io.latentlab.study.GridSearch.num;

import io.latentlab.study.GridSearch.FoldCurve;
import io.latentlab.study.GridSearch.Options;
import io.latentlab.study.GridSearch.Result;
import io.latentlab.study.GridSearch.SettingResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The discard rule and the ranking of {@link GridSearch} (documented there). */
final class GridSearchRanking {

    private GridSearchRanking() {}

    /**
     * Applies the discard rule to one setting's curves and computes its means.
     *
     * @param lr learning rate
     * @param wd weight decay
     * @param curves one curve per fold
     * @param maxLoss highest acceptable final validation MSE
     * @param oscillation highest acceptable sum of upward moves, as a fraction
     * @param baselines mean-image baseline per fold (by {@link FoldCurve#fold()}), or null
     * @param margin fraction below its baseline a fold's final validation MSE must reach
     * @return the setting's result
     */
    static SettingResult evaluate(double lr, double wd, List<FoldCurve> curves,
            double maxLoss, double oscillation, List<Double> baselines, double margin) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a setting needs at least one fold");
        }
        double valSum = 0;
        double gapSum = 0;
        String reason = null;
        for (FoldCurve c : curves) {
            valSum += c.finalValidation();
            gapSum += Math.abs(c.finalValidation() - c.finalTrain());
            if (reason == null) {
                reason = discardReason(c, maxLoss, oscillation, baselines, margin);
            }
        }
        int k = curves.size();
        return new SettingResult(lr, wd, curves, valSum / k, gapSum / k, reason != null, reason);
    }

    private static String discardReason(FoldCurve c, double maxLoss, double oscillation,
            List<Double> baselines, double margin) {
        String fold = "fold " + (c.fold() + 1);
        double[] v = c.validation();
        for (int t = 0; t < v.length; t++) {
            if (!Double.isFinite(v[t]) || !Double.isFinite(c.train()[t])) {
                return "non-finite loss on " + fold + " at epoch " + (t + 1);
            }
        }
        if (c.finalValidation() > maxLoss) {
            return String.format(Locale.ROOT, "final validation MSE %.4f > %s on %s",
                    c.finalValidation(), num(maxLoss), fold);
        }
        if (baselines != null) {
            double base = baselines.get(c.fold());
            if (!(c.finalValidation() <= (1 - margin) * base)) {
                return String.format(Locale.ROOT, "%s: validation MSE %.4f is %s the mean-image "
                        + "baseline %.4f (never learned)", fold, c.finalValidation(), margin > 0
                        ? "not " + num(margin * 100) + "% below" : margin == 0 ? "not below"
                        : "more than " + num(-margin * 100) + "% above", base);
            }
        }
        int half = v.length / 2;
        double rise = 0;
        for (int t = half + 1; t < v.length; t++) {
            rise += Math.max(0, v[t] - v[t - 1]);
        }
        if (rise > oscillation * v[half]) {
            return String.format(Locale.ROOT, "oscillates on %s: validation MSE rose by %.4f "
                    + "in total over epochs %d-%d (> %s%% of %.4f)", fold, rise, half + 1,
                    v.length, num(oscillation * 100), v[half]);
        }
        return null;
    }

    /**
     * Ranks the kept settings and picks the winner.
     *
     * @param options the grid's settings (for the record)
     * @param results every setting, discarded ones included
     * @param dataSha256 checksum of the data, or null
     * @param baselines mean-image baseline per fold, or null
     * @return the outcome
     */
    static Result rank(Options options, List<SettingResult> results, String dataSha256,
            List<Double> baselines) {
        List<SettingResult> kept = new ArrayList<>(results.stream()
                .filter(s -> !s.discarded()).sorted(Comparator.comparingDouble(
                        SettingResult::meanValMse)).toList());
        List<SettingResult> ranking = new ArrayList<>();
        for (int i = 0; i < kept.size(); ) {
            double lead = kept.get(i).meanValMse();
            int j = i;
            while (j < kept.size() && kept.get(j).meanValMse() <= lead * (1 + NEAR_TIE)) {
                j++;
            }
            List<SettingResult> group = new ArrayList<>(kept.subList(i, j));
            group.sort(Comparator.comparingDouble(SettingResult::meanGap));
            ranking.addAll(group);
            i = j;
        }
        SettingResult winner = ranking.isEmpty() ? null : ranking.get(0);
        return new Result(options, results, ranking, winner,
                why(winner, ranking, results), dataSha256, baselines);
    }

    private static String why(SettingResult winner, List<SettingResult> ranking,
            List<SettingResult> all) {
        if (winner == null) {
            return "no setting kept: all " + all.size() + " were discarded";
        }
        String base = String.format(Locale.ROOT, "%s has the lowest mean validation MSE %.6f "
                + "over %d folds", winner.label(), winner.meanValMse(), winner.folds().size());
        SettingResult best = ranking.stream().min(Comparator.comparingDouble(
                SettingResult::meanValMse)).orElseThrow();
        if (best != winner) {
            base = String.format(Locale.ROOT, "%s is within %s%% of the lowest mean validation "
                    + "MSE (%.6f vs %.6f, %s) and has the smaller train/validation gap "
                    + "(%.6f vs %.6f)", winner.label(), num(NEAR_TIE * 100), winner.meanValMse(),
                    best.meanValMse(), best.label(), winner.meanGap(), best.meanGap());
        }
        long dropped = all.stream().filter(SettingResult::discarded).count();
        return base + "; " + ranking.size() + " kept, " + dropped + " discarded";
    }
}
