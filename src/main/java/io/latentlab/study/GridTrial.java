package io.latentlab.study;

import java.io.Serializable;

/**
 * One fit of a grid search: a (LR, WD) setting trained on one fold. The unit of work handed to
 * a worker thread or a cluster member; with the search's options and data it defines the fit
 * completely, so any worker gets the same numbers.
 *
 * @param lr learning rate
 * @param wd weight decay
 * @param fold 0-based fold
 */
public record GridTrial(double lr, double wd, int fold) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @return e.g. {@code lr=0.01 wd=0.0001 fold 2} (fold 1-based) */
    public String label() {
        return "lr=" + GridSearch.num(lr) + " wd=" + GridSearch.num(wd) + " fold " + (fold + 1);
    }
}
