package io.latentlab.cluster;

import io.latentlab.study.GridSearch;

import java.io.Serializable;

/**
 * A finished fit's curve as stored in the cluster ({@link GridSearch.FoldCurve} is not
 * serializable).
 *
 * @param fold 0-based fold
 * @param train training loss per epoch
 * @param validation validation MSE per epoch
 */
record CurveData(int fold, double[] train, double[] validation) implements Serializable {

    private static final long serialVersionUID = 1L;

    static CurveData of(GridSearch.FoldCurve c) {
        return new CurveData(c.fold(), c.train(), c.validation());
    }

    GridSearch.FoldCurve curve() {
        return new GridSearch.FoldCurve(fold, train, validation);
    }
}
