package io.mlwb.core.settings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All of the workbench's preferences: one small record per feature. Immutable; change it with the
 * {@code withX} methods through {@link SettingsService#update}.
 *
 * @param appearance     theme and font size
 * @param recentProjects recently opened project folders
 * @param window         main window geometry and layout
 * @param projects       per-project sessions, keyed by {@link #key(Path)} of the project folder
 * @param lastProject    the project open when the workbench last closed, or null for none
 */
public record Settings(AppearanceSettings appearance, RecentProjects recentProjects, WindowLayout window,
                       Map<String, ProjectSession> projects, Path lastProject) {

    /** Checks the parts are set and copies the map. */
    public Settings {
        Objects.requireNonNull(appearance, "appearance");
        Objects.requireNonNull(recentProjects, "recentProjects");
        Objects.requireNonNull(window, "window");
        projects = Map.copyOf(projects);
    }

    /** @return every part at its default, no sessions and no last project */
    public static Settings defaults() {
        return new Settings(AppearanceSettings.defaults(), RecentProjects.defaults(), WindowLayout.defaults(),
                Map.of(), null);
    }

    /** @return the key of {@code project} in {@link #projects()}: its absolute, normalised path as a string */
    public static String key(Path project) {
        return project.toAbsolutePath().normalize().toString();
    }

    /** @return the saved session of {@code project}, or {@link ProjectSession#defaults()} when there is none */
    public ProjectSession session(Path project) {
        return projects.getOrDefault(key(project), ProjectSession.defaults());
    }

    /** @return a copy with {@code session} saved for {@code project} */
    public Settings withSession(Path project, ProjectSession session) {
        Map<String, ProjectSession> next = new HashMap<>(projects);
        next.put(key(project), Objects.requireNonNull(session, "session"));
        return new Settings(appearance, recentProjects, window, next, lastProject);
    }

    /**
     * @param project the project folder just opened
     * @return a copy with {@code project} first among the recent projects and as the last project
     */
    public Settings withProjectOpened(Path project) {
        Path p = project.toAbsolutePath().normalize();
        return new Settings(appearance, recentProjects.opened(p), window, projects, p);
    }

    /** @return a copy with {@code appearance} */
    public Settings withAppearance(AppearanceSettings appearance) {
        return new Settings(appearance, recentProjects, window, projects, lastProject);
    }

    /** @return a copy with {@code recentProjects} */
    public Settings withRecentProjects(RecentProjects recentProjects) {
        return new Settings(appearance, recentProjects, window, projects, lastProject);
    }

    /** @return a copy with {@code window} */
    public Settings withWindow(WindowLayout window) {
        return new Settings(appearance, recentProjects, window, projects, lastProject);
    }

    /** @return a copy with {@code projects} */
    public Settings withProjects(Map<String, ProjectSession> projects) {
        return new Settings(appearance, recentProjects, window, projects, lastProject);
    }

    /** @return a copy with {@code lastProject}, which may be null */
    public Settings withLastProject(Path lastProject) {
        return new Settings(appearance, recentProjects, window, projects, lastProject);
    }
}
