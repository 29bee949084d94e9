package io.latentlab.cluster;

import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrial;
import io.latentlab.study.TrialWorkers;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains a search's fits on the members of a Hazelcast cluster. Fits are handed out as members
 * have free workers (each member tells how many it has), so a fast member takes more; a member
 * that leaves or dies mid-fit has its fits sent again to another one. Each finished curve is
 * stored in the cluster under the search's id and the fit, so a fit the cluster already has is
 * not trained again (a retried fit, a resumed search).
 */
public final class ClusterTrialWorkers implements TrialWorkers {

    private final HazelcastInstance hz;
    private final SearchSpec spec;
    private final IExecutorService executor;
    private final IMap<String, CurveData> fits;
    private final IMap<String, FitActivity> activityMap;
    private final Consumer<String> log;
    private final UUID membershipListener;
    private final UUID activityListener;
    private final Map<String, FitActivity> activity = new java.util.concurrent.ConcurrentHashMap<>();

    // guarded by this
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Map<UUID, Set<Job>> inFlight = new HashMap<>();
    private final Map<GridTrial, Job> jobs = new HashMap<>();
    private boolean cancelled;

    private static final class Job {
        final GridTrial trial;
        final EpochSink sink;
        final CompletableFuture<GridSearch.FoldCurve> result = new CompletableFuture<>();
        Future<CurveData> remote;
        int attempts;

        Job(GridTrial trial, EpochSink sink) {
            this.trial = trial;
            this.sink = sink;
        }
    }

    /**
     * @param member this process's member
     * @param spec the search
     * @param log one line per fit sent again after its member left, or null
     */
    public ClusterTrialWorkers(ClusterMember member, SearchSpec spec, Consumer<String> log) {
        this.hz = member.instance();
        this.spec = spec;
        this.log = log == null ? s -> { } : log;
        this.executor = hz.getExecutorService(ClusterMember.EXECUTOR);
        this.fits = hz.getMap(ClusterMember.FITS);
        this.activityMap = hz.getMap(ClusterMember.ACTIVITY);
        for (Map.Entry<String, FitActivity> e : activityMap.entrySet()) {
            activity.put(e.getKey(), e.getValue());
        }
        this.activityListener = activityMap.addEntryListener(new ActivityListener(), true);
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                pump();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                String gone = ClusterMember.address(e.getMember());
                activity.values().removeIf(a -> a.member().equals(gone));
                String uuid = e.getMember().getUuid().toString();
                // the dead member cannot remove its own entries
                for (String k : new ArrayList<>(activityMap.keySet())) {
                    if (k.startsWith(uuid)) {
                        activityMap.delete(k);
                    }
                }
                pump();
                if (parallelism() == 0) {
                    synchronized (ClusterTrialWorkers.this) {
                        if (!queue.isEmpty() && !cancelled) {
                            ClusterTrialWorkers.this.log.accept("no member with workers left: "
                                    + "waiting for one to join");
                        }
                    }
                }
            }
        });
    }

    private final class ActivityListener implements EntryAddedListener<String, FitActivity>,
            EntryUpdatedListener<String, FitActivity>,
            com.hazelcast.map.listener.EntryRemovedListener<String, FitActivity> {

        @Override
        public void entryAdded(EntryEvent<String, FitActivity> e) {
            seen(e.getKey(), e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, FitActivity> e) {
            seen(e.getKey(), e.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, FitActivity> e) {
            activity.remove(e.getKey());
        }

        private void seen(String key, FitActivity a) {
            activity.put(key, a);
            if (a.searchId().equals(spec.id()) && a.epoch() > 0) {
                Job j;
                synchronized (ClusterTrialWorkers.this) {
                    j = jobs.get(a.trial());
                }
                if (j != null && !j.result.isDone()) {
                    j.sink.epochEnded(a.trial(), a.epoch());
                }
            }
        }
    }

    @Override
    public CompletableFuture<GridSearch.FoldCurve> submit(GridTrial trial, EpochSink sink) {
        Job job = new Job(trial, sink);
        CurveData done = fits.get(FitKey.of(spec.id(), trial));
        if (done != null) {
            job.result.complete(done.curve());
            return job.result;
        }
        synchronized (this) {
            if (cancelled) {
                job.result.completeExceptionally(new CancellationException("grid search cancelled"));
                return job.result;
            }
            jobs.put(trial, job);
            queue.add(job);
        }
        job.result.whenComplete((c, e) -> {
            synchronized (this) {
                jobs.remove(trial);
            }
        });
        pump();
        return job.result;
    }

    /** Sends queued fits to members with free workers, in address order. */
    private synchronized void pump() {
        if (cancelled || queue.isEmpty() || !hz.getLifecycleService().isRunning()) {
            return;
        }
        List<Member> members = new ArrayList<>(hz.getCluster().getMembers());
        members.sort(Comparator.comparing(ClusterMember::address));
        Set<UUID> alive = new HashSet<>();
        for (Member m : members) {
            alive.add(m.getUuid());
        }
        inFlight.keySet().retainAll(alive);
        for (Member m : members) {
            Set<Job> busy = inFlight.computeIfAbsent(m.getUuid(), u -> new HashSet<>());
            while (busy.size() < ClusterMember.workers(m) && !queue.isEmpty()) {
                Job job = queue.poll();
                busy.add(job);
                send(job, m);
            }
        }
    }

    private void send(Job job, Member m) {
        job.attempts++;
        UUID target = m.getUuid();
        Future<CurveData> remote = executor.submitToMember(new FitTask(spec, job.trial), m);
        job.remote = remote;
        // Hazelcast's futures are CompletableFutures; the callbacks run on its threads
        ((CompletionStage<CurveData>) remote).whenComplete((response, t) -> {
            if (t == null) {
                finished(job, target);
                job.result.complete(response.curve());
                pump();
                return;
            }
            boolean again;
            synchronized (ClusterTrialWorkers.this) {
                finished(job, target);
                // a fit stopped without our cancel: its member is shutting down
                again = !cancelled && (memberGone(t)
                        || unwrap(t) instanceof CancellationException)
                        && hz.getLifecycleService().isRunning();
                if (again) {
                    // first in line: it was sent before the ones still queued
                    queue.addFirst(job);
                }
            }
            if (again) {
                log.accept("member " + ClusterMember.address(m) + " left during "
                        + job.trial.label() + ": training it again elsewhere");
                pump();
            } else {
                job.result.completeExceptionally(cancelled
                        ? new CancellationException("grid search cancelled") : unwrap(t));
            }
        });
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private synchronized void finished(Job job, UUID member) {
        Set<Job> busy = inFlight.get(member);
        if (busy != null) {
            busy.remove(job);
        }
    }

    /** Whether a task failed because its member left, not because of the fit. */
    static boolean memberGone(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof MemberLeftException || e instanceof TargetNotMemberException
                    || e instanceof TargetDisconnectedException
                    || e instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }

    /** @return one entry per worker of every member, by address, idle ones with no fit */
    @Override
    public List<Activity> activity() {
        List<Activity> out = new ArrayList<>();
        List<Member> members = new ArrayList<>(hz.getCluster().getMembers());
        members.sort(Comparator.comparing(ClusterMember::address));
        for (Member m : members) {
            String a = ClusterMember.address(m);
            String uuid = m.getUuid().toString();
            for (int i = 0; i < ClusterMember.workers(m); i++) {
                FitActivity f = activity.get(FitKey.slot(uuid, i));
                String name = a + " #" + (i + 1);
                out.add(f == null ? new Activity(name, null, 0)
                        : new Activity(name, f.trial(), f.epoch()));
            }
        }
        return out;
    }

    /** @return workers over all members now (changes as members come and go) */
    @Override
    public int parallelism() {
        return hz.getCluster().getMembers().stream().mapToInt(ClusterMember::workers).sum();
    }

    @Override
    public void cancel() {
        List<Job> stop = new ArrayList<>();
        synchronized (this) {
            cancelled = true;
            stop.addAll(queue);
            queue.clear();
            for (Set<Job> s : inFlight.values()) {
                stop.addAll(s);
            }
        }
        for (Job j : stop) {
            if (j.remote != null) {
                // interrupts the task on its member, which stops the fit at its next batch
                j.remote.cancel(true);
            }
            j.result.completeExceptionally(new CancellationException("grid search cancelled"));
        }
    }

    @Override
    public void close() {
        boolean running;
        synchronized (this) {
            running = !queue.isEmpty() || inFlight.values().stream().anyMatch(s -> !s.isEmpty());
        }
        if (running) {
            cancel();
        }
        if (hz.getLifecycleService().isRunning()) {
            hz.getCluster().removeMembershipListener(membershipListener);
            activityMap.removeEntryListener(activityListener);
        }
    }
}
