package io.latentlab.training;

/** Receives training events on the training thread; must return quickly and never block. */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param event the event
     */
    void onEvent(TrainingEvent event);
}
