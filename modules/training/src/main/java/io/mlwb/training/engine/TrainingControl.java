package io.mlwb.training.engine;

/**
 * Pause, go on and stop for a running training; thread-safe. The training looks at it between batches: a pause
 * waits there, a stop ends the run after the current batch, keeping the last checkpoint to resume from.
 */
public final class TrainingControl {
    private boolean paused;
    private boolean stopped;

    /** Asks the training to wait after the current batch. */
    public synchronized void pause() {
        paused = true;
        notifyAll();
    }

    /** Lets a paused training go on. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Asks the training to stop after the current batch. */
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** @return whether a stop was asked */
    public synchronized boolean stopRequested() {
        return stopped;
    }

    /** @return whether a pause is asked now */
    public synchronized boolean pauseRequested() {
        return paused;
    }

    /**
     * Waits while paused (and not stopped).
     *
     * @return true when it waited
     */
    synchronized boolean awaitUnpaused() {
        boolean waited = false;
        while (paused && !stopped) {
            waited = true;
            try {
                wait(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
        return waited;
    }
}
