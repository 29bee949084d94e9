package io.latentlab.cluster;

import io.latentlab.study.GridTrial;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A fit sent to a member: trained there by the member's {@link MemberTrainer}. */
final class FitTask implements Callable<CurveData>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final SearchSpec spec;
    private final GridTrial trial;
    private transient HazelcastInstance hz;

    FitTask(SearchSpec spec, GridTrial trial) {
        this.spec = spec;
        this.trial = trial;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hz = instance;
    }

    @Override
    public CurveData call() throws Exception {
        Object trainer = hz.getUserContext().get(ClusterMember.TRAINER);
        if (!(trainer instanceof MemberTrainer t)) {
            throw new IllegalStateException("member "
                    + ClusterMember.address(hz.getCluster().getLocalMember())
                    + " trains no fits (started with --workers 0)");
        }
        return t.train(spec, trial);
    }
}
