package io.latentlab.cluster;

import io.latentlab.study.GridTrial;

import java.io.Serializable;

/**
 * What one worker of a member trains, published in the cluster at the start of a fit and at the
 * end of each of its epochs (removed when the fit ends).
 *
 * @param member the member's address, e.g. {@code 127.0.0.1:5702}
 * @param slot the worker, 0-based
 * @param searchId {@link SearchSpec#id()} of the fit's search
 * @param trial the fit
 * @param epoch epochs it has finished
 */
record FitActivity(String member, int slot, String searchId, GridTrial trial, int epoch)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
