package io.latentlab.ui.reconstruction;

/**
 * Defers one action (the view model's refresh) to the end of a compound change, so moving the
 * occlusion patch or picking a class recomputes the input and asks the engine once, not once
 * per property. FX thread only.
 */
final class Batch {

    private final Runnable action;
    // held until open(): the owner's constructor wires everything first
    private int depth = 1;
    private boolean dirty;

    /** @param action what a change triggers; nothing runs before {@link #open()} */
    Batch(Runnable action) {
        this.action = action;
    }

    /** Ends construction: runs the action once, and from now on after every change. */
    void open() {
        depth = 0;
        dirty = false;
        action.run();
    }

    /** Something changed: runs the action now, or at the end of the enclosing {@link #run}. */
    void changed() {
        if (depth > 0) {
            dirty = true;
        } else {
            dirty = false;
            action.run();
        }
    }

    /** @param changes runs them with the action deferred to their end (at most once) */
    void run(Runnable changes) {
        depth++;
        try {
            changes.run();
        } finally {
            depth--;
        }
        if (depth == 0 && dirty) {
            dirty = false;
            action.run();
        }
    }
}
