package io.mlwb.app;

/** Placeholder. */
public final class Launcher {
    private Launcher() {
    }

    /** @param args arguments */
    public static void main(String[] args) {
    }
}
