package io.mlwb.deploy;

import io.mlwb.core.error.UserError;
import java.util.Locale;

/** How a new version takes over traffic. */
public enum Strategy {
    /** Every request moves to the new version in one step. */
    ALL_AT_ONCE("all-at-once"),
    /** A share of traffic first, then (after the bake time, without an alarm) all of it. */
    CANARY("canary"),
    /** A full second fleet, then a switch after the bake time; the old fleet stays until the switch holds. */
    BLUE_GREEN("blue-green"),
    /** A fixed split between two versions, for comparison. */
    A_B("a-b");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    /** @return the name in configuration files and the catalog, e.g. {@code blue-green} */
    public String id() {
        return id;
    }

    /**
     * @param text a strategy's name ({@code all-at-once}, {@code canary}, {@code blue-green}, {@code a-b}; underscores
     *             and upper case are accepted)
     * @return the strategy
     * @throws UserError naming the strategies there are
     */
    public static Strategy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.equals("ab")) {
            return A_B;
        }
        for (Strategy s : values()) {
            if (s.id.equals(t)) {
                return s;
            }
        }
        throw new UserError("'" + text + "' is not a rollout strategy.",
                "Use all-at-once, canary, blue-green or a-b in rollout.strategy.");
    }
}
