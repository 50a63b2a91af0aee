package io.mlwb.app.shell;

/**
 * A feature of the workbench (profiling, training, tracking, cards, drift, deployment, and the shell's own git and
 * project panes). It contributes tool windows, editors, actions and catalog sections without editing the shell.
 * Features are found with {@link java.util.ServiceLoader} ({@code META-INF/services/io.mlwb.app.shell.Feature}),
 * so adding a feature is adding a class and one line.
 */
public interface Feature {
    /** @param contributions where to register this feature's parts */
    void contribute(Contributions contributions);
}
