package io.mlwb.modelcard;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.RunDetails;
import io.mlwb.tracking.registry.ModelVersion;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reviewer reads beside a card: the evidence the catalog holds for the version the card describes, as
 * Markdown pages computed now from the catalog (not copied from the card, which its author may have edited): the run
 * with its metrics, the training data (dataset versions with fingerprints), the per-group (fairness) analyses, and the
 * drift reports that monitored the version. The review pane walks these pages after the card's sections; the CLI's
 * review bundle carries the same facts.
 *
 * @param version  the version ({@code NAME@N})
 * @param runId    the run that trained it, or null
 * @param datasets the files of the dataset versions the run read (project-relative), for links to the dataset pane
 * @param pages    the pages, in reading order
 */
public record ReviewEvidence(String version, Long runId, List<String> datasets, List<Page> pages) {
    /** Copies the lists. */
    public ReviewEvidence {
        datasets = List.copyOf(datasets);
        pages = List.copyOf(pages);
    }

    /** The page of the run: model details and metrics. */
    public static final String RUN = "run";
    /** The page of the training data. */
    public static final String DATA = "data";
    /** The page of the per-group analyses. */
    public static final String FAIRNESS = "fairness";
    /** The page of the drift reports. */
    public static final String DRIFT = "drift";

    /**
     * One page of evidence.
     *
     * @param key      {@link #RUN}, {@link #DATA}, {@link #FAIRNESS} or {@link #DRIFT}
     * @param title    its title
     * @param markdown its content (tables in GitHub syntax)
     */
    public record Page(String key, String title, String markdown) {
    }

    /**
     * One drift report that monitored a version.
     *
     * @param id          the report's id
     * @param drifted     whether the dataset drifted
     * @param createdAtMs when it was made
     * @param reference   the reference dataset version ({@code NAME@N})
     * @param current     the current dataset version
     */
    record DriftRow(long id, boolean drifted, long createdAtMs, String reference, String current) {
    }

    /** @return the drift reports recorded with {@code --model} for {@code v}, oldest first */
    static List<DriftRow> driftReports(Catalog catalog, ModelVersion v) {
        List<DriftRow> rows = new ArrayList<>();
        catalog.read("read the drift reports of " + v.ref(), c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT r.id, r.drifted, r.created_at, "
                    + "(SELECT d.name || '@' || dv.version_no FROM dataset_version dv JOIN dataset d ON d.id = dv.dataset_id "
                    + "WHERE dv.id = r.reference_version_id), (SELECT d.name || '@' || dv.version_no FROM dataset_version dv "
                    + "JOIN dataset d ON d.id = dv.dataset_id WHERE dv.id = r.current_version_id) "
                    + "FROM drift_report r WHERE r.model_version_id = ? ORDER BY r.id")) {
                st.setLong(1, v.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DriftRow(rs.getLong(1), rs.getInt(2) == 1, rs.getLong(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
            return null;
        });
        return rows;
    }

    /**
     * @return the drift status line of the card's monitoring plan: the latest report that monitored {@code v}, or
     *         that none has yet
     */
    static String driftStatus(Catalog catalog, ModelVersion v) {
        List<DriftRow> rows = driftReports(catalog, v);
        if (rows.isEmpty()) {
            return "- Drift status: no drift report has monitored " + v.ref() + " yet (`mlwb drift REFERENCE CURRENT "
                    + "--model " + v.ref() + "`)\n";
        }
        DriftRow last = rows.get(rows.size() - 1);
        long drifted = rows.stream().filter(DriftRow::drifted).count();
        return "- Drift status: " + (last.drifted() ? "**drifted**" : "no drift") + " in the latest report (#"
                + last.id() + ", " + Instant.ofEpochMilli(last.createdAtMs()) + ", " + last.reference() + " → "
                + last.current() + "); " + drifted + " of " + rows.size() + " report" + (rows.size() == 1 ? "" : "s")
                + " found drift\n";
    }

    /**
     * @return one line per dataset version the version's run read: its latest profile (exact or approximate, when)
     *         with the data-quality rules it passed, or that it has not been profiled; "" without a run
     */
    static String profileStatus(Catalog catalog, ModelVersion v) {
        if (v.runId() == null) {
            return "";
        }
        RunDetails.Overview o = new RunDetails(catalog).overview(v.runId());
        if (o == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (RunDetails.DatasetInput in : o.datasets()) {
            String ref = in.dataset() + "@" + in.version();
            if (!seen.add(ref)) {
                continue;
            }
            catalog.read("read the profile of " + ref, c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT p.id, p.approximate, p.created_at, "
                        + "(SELECT COUNT(*) FROM quality_check q WHERE q.profile_id = p.id AND q.status = 'passed'), "
                        + "(SELECT COUNT(*) FROM quality_check q WHERE q.profile_id = p.id) FROM profile p "
                        + "JOIN dataset_version dv ON dv.id = p.dataset_version_id JOIN dataset d ON d.id = dv.dataset_id "
                        + "WHERE d.name = ? AND dv.version_no = ? ORDER BY p.id DESC LIMIT 1")) {
                    st.setString(1, in.dataset());
                    st.setInt(2, in.version());
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            out.append("- Profile of ").append(ref).append(": #").append(rs.getLong(1))
                                    .append(rs.getInt(2) == 1 ? " (approximate, streaming)" : " (exact)").append(", ")
                                    .append(Instant.ofEpochMilli(rs.getLong(3))).append(rs.getInt(5) == 0
                                            ? "; no data-quality rules" : "; data-quality rules: " + rs.getInt(4)
                                            + " of " + rs.getInt(5) + " passed").append('\n');
                        } else {
                            out.append("- ").append(ref).append(" has not been profiled (`mlwb profile ")
                                    .append(in.path()).append("`)\n");
                        }
                    }
                }
                return null;
            });
        }
        return out.toString();
    }

    /** Gathers the evidence of a version (see {@link CardService#evidence(String)}). */
    static ReviewEvidence of(Catalog catalog, Project project, ModelVersion v) {
        CardFill.Facts facts = CardFill.facts(v, new RunDetails(catalog), project);
        List<Page> pages = new ArrayList<>();
        String none = "_Nothing recorded._\n";
        pages.add(new Page(RUN, v.runId() == null ? "Run" : "Run " + v.runId(),
                facts.blocks().getOrDefault("model-details", "") + "\n" + facts.blocks().getOrDefault("metrics", none)));
        pages.add(new Page(DATA, "Training data", facts.blocks().containsKey("training-data")
                ? facts.blocks().get("training-data") + "\n" + profileStatus(catalog, v) : none));
        pages.add(new Page(FAIRNESS, "Fairness", facts.blocks().getOrDefault("quantitative-analyses",
                "_No sensitive columns were evaluated (mlwb.yaml `fairness`)._\n")));
        StringBuilder drift = new StringBuilder();
        for (DriftRow r : driftReports(catalog, v)) {
            if (drift.isEmpty()) {
                drift.append("| Report | When | Reference | Current | Dataset drift |\n|---|---|---|---|---|\n");
            }
            drift.append("| ").append(r.id()).append(" | ").append(Instant.ofEpochMilli(r.createdAtMs())).append(" | ")
                    .append(r.reference()).append(" | ").append(r.current()).append(" | ")
                    .append(r.drifted() ? "**yes**" : "no").append(" |\n");
        }
        pages.add(new Page(DRIFT, "Drift reports", drift.isEmpty() ? "_No drift report monitored " + v.ref()
                + " yet (`mlwb drift REFERENCE CURRENT --model " + v.ref() + "`)._\n" : drift.toString()));
        List<String> files = new ArrayList<>();
        if (v.runId() != null) {
            RunDetails.Overview o = new RunDetails(catalog).overview(v.runId());
            if (o != null) {
                o.datasets().forEach(d -> files.add(d.path()));
            }
        }
        return new ReviewEvidence(v.ref(), v.runId(), files.stream().distinct().toList(), pages);
    }
}
