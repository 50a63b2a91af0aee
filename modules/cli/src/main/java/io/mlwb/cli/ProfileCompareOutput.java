package io.mlwb.cli;

import io.mlwb.data.history.ComparedVersion;
import io.mlwb.data.history.Comparison;
import io.mlwb.data.history.DiffResult;
import io.mlwb.data.history.StatDelta;
import io.mlwb.data.history.TypeChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code mlwb profile --compare REV} shows a {@link Comparison}: a short text summary, or the JSON object
 * documented in docs/cli.md (keys in this order; numbers that are not finite are written as null).
 */
final class ProfileCompareOutput {
    private ProfileCompareOutput() {
    }

    static void printText(PrintWriter out, Comparison c) {
        DiffResult d = c.diff();
        out.printf("%s (%s): %s -> %s%n", c.name(), c.relativePath(), describe(c.base()), describe(c.current()));
        out.printf(Locale.ROOT, "Rows: %,d -> %,d (%+,d)%n", d.rowsBefore(), d.rowsAfter(),
                d.rowsAfter() - d.rowsBefore());
        out.printf("Columns: %d -> %d%n", c.base().profile().columnsCount(), c.current().profile().columnsCount());
        if (!d.added().isEmpty()) {
            out.println("Added columns: " + String.join(", ", d.added()));
        }
        if (!d.removed().isEmpty()) {
            out.println("Removed columns: " + String.join(", ", d.removed()));
        }
        for (TypeChange t : d.typeChanges()) {
            out.printf("Type changed: %s %s -> %s%n", t.column(), t.before(), t.after());
        }
        List<StatDelta> changed = d.changed();
        if (changed.isEmpty()) {
            out.println(d.schemaChanged() ? "No statistic changed in the columns both versions have."
                    : "No changes in the schema or the statistics.");
            return;
        }
        out.println("Changed statistics:");
        out.printf("  %-24s %-14s %14s %14s %10s%n", "COLUMN", "STAT", "BASE", "CURRENT", "CHANGE");
        for (StatDelta s : changed) {
            out.printf("  %-24s %-14s %14s %14s %10s%n", ProfileCommand.cut(s.column()), s.stat(),
                    ProfileCommand.num(s.before()), ProfileCommand.num(s.after()),
                    percent(s.relativeChange()));
        }
    }

    static Map<String, Object> toJson(Comparison c) {
        DiffResult d = c.diff();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", c.name());
        doc.put("path", c.relativePath());
        doc.put("base", side(c.base()));
        doc.put("current", side(c.current()));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("added", d.added());
        schema.put("removed", d.removed());
        List<Map<String, Object>> types = new ArrayList<>();
        for (TypeChange t : d.typeChanges()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.column());
            m.put("base", t.before());
            m.put("current", t.after());
            types.add(m);
        }
        schema.put("typeChanged", types);
        doc.put("schema", schema);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (StatDelta s : d.changed()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.column());
            m.put("stat", s.stat());
            m.put("base", finite(s.before()));
            m.put("current", finite(s.after()));
            m.put("delta", finite(s.after() - s.before()));
            m.put("relativeChange", finite(s.relativeChange()));
            columns.add(m);
        }
        doc.put("columns", columns);
        return doc;
    }

    private static Map<String, Object> side(ComparedVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rev", v.rev());
        m.put("commit", v.commit());
        m.put("blob", v.blob());
        m.put("rows", v.profile().rows());
        m.put("columnCount", v.profile().columnsCount());
        return m;
    }

    private static String describe(ComparedVersion v) {
        if (ComparedVersion.WORKING_TREE.equals(v.rev())) {
            return v.commit() == null ? "working tree (uncommitted)" : "working tree (= " + shortSha(v.commit()) + ")";
        }
        return v.rev() + " (" + shortSha(v.commit()) + ")";
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String percent(double relative) {
        if (Double.isNaN(relative)) {
            return "-";
        }
        if (Double.isInfinite(relative)) {
            return relative > 0 ? "+inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * relative);
    }
}
