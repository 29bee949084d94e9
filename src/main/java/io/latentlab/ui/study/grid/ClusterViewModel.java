package io.latentlab.ui.study.grid;

import io.latentlab.data.MnistData;
import io.latentlab.service.ClusterConnection;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.study.common.StudyText;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The grid tab's cluster: join one (or start one that workers join) with a member of this app,
 * list its members and what each trains, leave. While connected, Run sends the fits to the
 * cluster. Joining and reading the members are worker jobs; FX thread only.
 */
public final class ClusterViewModel {

    private final AppContext ctx;
    private final StringProperty join = new SimpleStringProperty(this, "join", "");
    private final StringProperty bind = new SimpleStringProperty(this, "bind", "127.0.0.1");
    private final StringProperty name = new SimpleStringProperty(this, "name", "latent-lab");
    private final ReadOnlyObjectWrapper<ClusterConnection> connection =
            new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty searching = new SimpleBooleanProperty(this, "searching");
    private final StringProperty message = new SimpleStringProperty(this, "message",
            StudyText.get("cluster.off"));
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObservableList<String> members = FXCollections.observableArrayList();
    private boolean refreshing;
    private volatile boolean closing;
    /** How long closing the app waits for the member to leave. */
    private static final long LEAVE_MILLIS = 5000;

    /** @param ctx shared services; the app leaves the cluster when it closes */
    public ClusterViewModel(AppContext ctx) {
        this.ctx = ctx;
        ctx.onClose(this::closeNow);
    }

    /** @return HOST:PORT of members to join, comma-separated; blank starts a cluster */
    public StringProperty joinProperty() {
        return join;
    }

    /** @return this machine's address the cluster listens on */
    public StringProperty bindProperty() {
        return bind;
    }

    /** @return the cluster's name (joining needs it) */
    public StringProperty nameProperty() {
        return name;
    }

    /** @return the connection while connected, else null */
    public ReadOnlyObjectProperty<ClusterConnection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** @return whether a join or leave is under way */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return set by the grid tab while a search runs: no leaving then */
    public BooleanProperty searchingProperty() {
        return searching;
    }

    /** @return one line on the state: off, joining, connected with how many members */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return why the last join failed, or "" */
    public StringProperty errorProperty() {
        return error;
    }

    /** @return one line per member: address, workers and what it trains */
    public ObservableList<String> members() {
        return members;
    }

    /**
     * Joins with {@code workers} fits of this app's own (a worker job; blocks it a few
     * seconds while the member looks for the others).
     *
     * @param workers fits this app trains for the cluster at the same time
     * @return the job, or null when already connected, busy or without data
     */
    public Job<ClusterConnection> connect(int workers) {
        MnistData data = ctx.dataProperty().get();
        if (connection.get() != null || busy.get() || data == null) {
            return null;
        }
        String n = name.get().trim();
        String b = bind.get().trim();
        String j = join.get().trim();
        busy.set(true);
        error.set("");
        message.set(StudyText.get("cluster.joining"));
        Job<ClusterConnection> job = Job.onWorker(StudyText.get("cluster.joinJob"),
                c -> {
                    ClusterConnection conn = ClusterConnection.connect(n, b, j, workers, data,
                            line -> ctx.jobs().fx().execute(this::refresh));
                    if (closing) {
                        // the app closed while joining: leave at once, keep nothing alive
                        conn.close();
                        return null;
                    }
                    return conn;
                });
        job.cancellable(false).onSuccess(conn -> {
            if (conn == null) {
                return;
            }
            connection.set(conn);
            message.set(StudyText.format("cluster.on", conn.address(), conn.clusterName()));
            refresh();
        }).onFailure(e -> {
            error.set(io.latentlab.data.Errors.describe(e));
            message.set(StudyText.get("cluster.off"));
        }).onFinished(() -> busy.set(false));
        return ctx.jobs().submit(job);
    }

    /** Leaves the cluster (a worker job); fits this app trained go to the others. */
    public void leave() {
        ClusterConnection conn = connection.get();
        if (conn == null || busy.get() || searching.get()) {
            return;
        }
        busy.set(true);
        connection.set(null);
        members.clear();
        ctx.jobs().submit(Job.onWorker(StudyText.get("cluster.leaveJob"), c -> {
            conn.close();
            return null;
        }).cancellable(false).onFinished(() -> {
            busy.set(false);
            message.set(StudyText.get("cluster.off"));
        }));
    }

    /** Reads the members and what each trains (a quiet worker job; one at a time). */
    public void refresh() {
        ClusterConnection conn = connection.get();
        if (conn == null || refreshing) {
            return;
        }
        refreshing = true;
        ctx.jobs().submit(Job.onWorker("cluster members", c -> lines(conn.members()))
                .visible(false).onSuccess(lines -> {
                    if (connection.get() == conn && !lines.equals(members)) {
                        members.setAll(lines);
                    }
                }).onFinished(() -> refreshing = false));
    }

    /**
     * @param ms the members
     * @return e.g. {@code 127.0.0.1:5701 (this app), 2 workers: lr=0.01 wd=0.001 fold 2, epoch 3}
     */
    static List<String> lines(List<ClusterConnection.Member> ms) {
        List<String> out = new ArrayList<>();
        for (ClusterConnection.Member m : ms) {
            String who = m.address() + (m.local() ? StudyText.get("cluster.thisApp") : "");
            String running = m.running().isEmpty() ? StudyText.get("cluster.idle")
                    : String.join("; ", m.running());
            out.add(StudyText.format(m.workers() == 1 ? "cluster.member1" : "cluster.member",
                    who, m.workers(), running));
        }
        return out;
    }

    /**
     * On app exit: leaves the cluster on a thread of its own, waiting at most a few seconds
     * (the FX thread must not hang on a slow network); a join still under way leaves as soon
     * as it has joined.
     */
    private void closeNow() {
        closing = true;
        ClusterConnection conn = connection.get();
        if (conn != null) {
            connection.set(null);
            Thread leave = new Thread(conn::close, "cluster-leave");
            leave.setDaemon(true);
            leave.start();
            try {
                leave.join(LEAVE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
