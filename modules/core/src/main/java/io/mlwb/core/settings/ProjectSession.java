package io.mlwb.core.settings;

import java.util.List;

/**
 * What was open in one project when it was last closed, so reopening it restores the tabs.
 *
 * @param openTabs    the open tabs, left to right
 * @param selectedTab index of the selected tab in {@code openTabs}; -1 when there are no tabs, otherwise
 *                    clamped into range
 */
public record ProjectSession(List<TabRef> openTabs, int selectedTab) {

    /** Copies the tabs and clamps the selection into range. */
    public ProjectSession {
        openTabs = List.copyOf(openTabs);
        selectedTab = openTabs.isEmpty() ? -1 : Math.max(0, Math.min(openTabs.size() - 1, selectedTab));
    }

    /** @return no tabs open */
    public static ProjectSession defaults() {
        return new ProjectSession(List.of(), -1);
    }

    /** @return a copy with {@code openTabs}, keeping the selected index (clamped) */
    public ProjectSession withOpenTabs(List<TabRef> openTabs) {
        return new ProjectSession(openTabs, selectedTab);
    }

    /** @return a copy with {@code selectedTab} (clamped) */
    public ProjectSession withSelectedTab(int selectedTab) {
        return new ProjectSession(openTabs, selectedTab);
    }
}
