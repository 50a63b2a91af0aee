package io.mlwb.data.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Groups repeated alerts of one type, so that a wide table's 2,998 "has unique values" alerts read as one line:
 * "2,998 columns have unique values: g0, g1, g2, …". The CLI, the HTML report and the Dataset pane show the same
 * groups; each adds its own way to see the whole list.
 *
 * <p>Rules: alerts of a type that occurs at least {@link #DEFAULT_GROUP_FROM} times form one group, at the place of
 * the type's first alert; rarer types keep one entry per alert, with its own message. A group's text names its first
 * {@link #DEFAULT_NAMES_SHOWN} columns (column pairs for correlations, as {@code a – b}) and ends with {@code …}
 * when there are more.
 */
public final class AlertGroups {
    /** A type with at least this many alerts is shown as one group. */
    public static final int DEFAULT_GROUP_FROM = 4;
    /** How many columns a group's text names. */
    public static final int DEFAULT_NAMES_SHOWN = 3;

    private AlertGroups() {
    }

    /**
     * One entry of the grouped list: a single alert, or every alert of one type.
     *
     * @param type   the alerts' type
     * @param alerts the alerts, in profile order (one, unless grouped)
     * @param shown  how many names the group's text names
     */
    public record Group(AlertType type, List<Alert> alerts, int shown) {
        /** Copies the list. */
        public Group {
            Objects.requireNonNull(type, "type");
            alerts = List.copyOf(alerts);
            if (alerts.isEmpty()) {
                throw new IllegalArgumentException("a group holds at least one alert");
            }
        }

        /** @return whether this entry stands for several alerts */
        public boolean grouped() {
            return alerts.size() > 1;
        }

        /** @return whether the text leaves names out (then a "list all" hint helps) */
        public boolean truncated() {
            return grouped() && alerts.size() > shown;
        }

        /** @return what each alert is about: its column, or {@code a – b} for a pair, or "" for the dataset */
        public List<String> subjects() {
            return alerts.stream().map(AlertGroups::subject).toList();
        }

        /**
         * @return the single alert's message, or for a group e.g. {@code "2,998 columns have unique values: g0, g1,
         *         g2, …"}
         */
        public String text() {
            if (!grouped()) {
                return alerts.get(0).message();
            }
            List<String> names = subjects();
            String list = String.join(", ", names.subList(0, Math.min(shown, names.size())));
            return String.format(Locale.ROOT, "%,d %s: %s%s", alerts.size(), phrase(type), list,
                    names.size() > shown ? ", …" : "");
        }
    }

    /**
     * Groups with the defaults ({@value #DEFAULT_GROUP_FROM} alerts of a type or more; {@value #DEFAULT_NAMES_SHOWN}
     * names shown).
     *
     * @param alerts a profile's alerts, in its order
     * @return the entries to show, in the order of the alerts they start with
     */
    public static List<Group> group(List<Alert> alerts) {
        return group(alerts, DEFAULT_GROUP_FROM, DEFAULT_NAMES_SHOWN);
    }

    /**
     * @param alerts    a profile's alerts, in its order
     * @param groupFrom a type with at least this many alerts becomes one group (at least 2)
     * @param shown     how many names a group's text names (at least 1)
     * @return the entries to show, in the order of the alerts they start with
     */
    public static List<Group> group(List<Alert> alerts, int groupFrom, int shown) {
        if (groupFrom < 2 || shown < 1) {
            throw new IllegalArgumentException("groupFrom must be at least 2 and shown at least 1, not " + groupFrom
                    + " and " + shown);
        }
        Map<AlertType, List<Alert>> byType = new LinkedHashMap<>();
        for (Alert a : alerts) {
            byType.computeIfAbsent(a.type(), t -> new ArrayList<>()).add(a);
        }
        List<Group> out = new ArrayList<>();
        for (Alert a : alerts) {
            List<Alert> same = byType.get(a.type());
            if (same.size() < groupFrom) {
                out.add(new Group(a.type(), List.of(a), shown));
            } else if (same.get(0) == a) {
                out.add(new Group(a.type(), same, shown));
            }
        }
        return out;
    }

    private static String subject(Alert a) {
        if (a.column() == null) {
            return "";
        }
        return a.otherColumn() == null ? a.column() : a.column() + " – " + a.otherColumn();
    }

    /** What a number of columns (or pairs) with alerts of this type have, in the plural. */
    private static String phrase(AlertType type) {
        return switch (type) {
            case DUPLICATES -> "duplicate row alerts";
            case HIGH_MISSING -> "columns have many missing values";
            case CONSTANT -> "columns have a constant value";
            case UNIQUE -> "columns have unique values";
            case HIGH_CARDINALITY -> "columns have a high cardinality";
            case SKEWED -> "columns are highly skewed";
            case IMBALANCED -> "columns are highly imbalanced";
            case ZEROS -> "columns have many zeros";
            case INFINITE -> "columns have infinite values";
            case HIGH_CORRELATION -> "column pairs are highly correlated";
        };
    }
}
