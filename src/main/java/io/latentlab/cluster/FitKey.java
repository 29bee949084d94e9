package io.latentlab.cluster;

import io.latentlab.study.GridTrial;

/** Keys of the cluster's maps: a fit of a search, a worker slot of a member. */
final class FitKey {

    private FitKey() {}

    /**
     * @param searchId {@link SearchSpec#id()}
     * @param trial the fit
     * @return its key in the map of finished fits
     */
    static String of(String searchId, GridTrial trial) {
        return searchId + "/" + trial.lr() + "/" + trial.wd() + "/" + trial.fold();
    }

    /**
     * @param memberUuid the member
     * @param slot its worker, 0-based
     * @return the key of what that worker does, in the activity map
     */
    static String slot(String memberUuid, int slot) {
        return memberUuid + "#" + slot;
    }
}
