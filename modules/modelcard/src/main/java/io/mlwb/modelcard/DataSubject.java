package io.mlwb.modelcard;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.DatasetVersionRecord;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A data-subject request answered from the lineage ({@code mlwb data subject ID}): for every dataset that declares an
 * {@code subject_id_column} (else an {@code id_column}), which of its recorded versions (and its working-tree file) hold rows with that identifier; which
 * runs read those versions; which registered model versions descend from those runs, and their deployments. The
 * report is for the privacy officer; asking is audited ({@code data.subject}), with the identifier's hash, not the
 * identifier.
 */
public final class DataSubject {
    private final Catalog catalog;
    private final Project project;
    private final GitRepo repo;

    /**
     * @param catalog the project's catalog
     * @param project the project
     * @param repo    its git repository, or null (only versions whose bytes are in the working tree are read)
     */
    public DataSubject(Catalog catalog, Project project, GitRepo repo) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.project = Objects.requireNonNull(project, "project");
        this.repo = repo;
    }

    /**
     * Where an identifier was found.
     *
     * @param dataset  the dataset
     * @param version  the recorded version ({@code NAME@V}), or {@code working tree}
     * @param path     the file
     * @param commit   the commit read, or null for the working tree
     * @param rows     how many rows hold the identifier
     */
    public record Holding(String dataset, String version, String path, String commit, int rows) {
    }

    /**
     * The report.
     *
     * @param id          the identifier asked about
     * @param searched    the datasets searched (those with an id_column), with their id column
     * @param holdings    where rows with it were found
     * @param unreadable  versions whose bytes could not be read (neither in the working tree nor in git)
     * @param runs        runs that read a version holding it
     * @param models      registered model versions from those runs ({@code NAME@V})
     * @param deployments deployments of those model versions ({@code id on target (status)})
     */
    public record Report(String id, Map<String, String> searched, List<Holding> holdings, List<String> unreadable,
                         List<Long> runs, List<String> models, List<String> deployments) {
        /** @return the JSON of {@code mlwb data subject --json} */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("searched", searched);
            m.put("holdings", holdings.stream().map(h -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("dataset", h.dataset());
                x.put("version", h.version());
                x.put("path", h.path());
                x.put("commit", h.commit());
                x.put("rows", h.rows());
                return x;
            }).toList());
            m.put("unreadable", unreadable);
            m.put("runs", runs);
            m.put("models", models);
            m.put("deployments", deployments);
            return m;
        }
    }

    /**
     * @param id    the data subject's identifier, as written in the id columns
     * @param actor who asks (audited)
     * @return where the identifier is and what descends from it
     * @throws UserError when no dataset declares a subject_id_column or an id_column
     */
    public Report find(String id, String actor) {
        if (id == null || id.isBlank()) {
            throw new UserError("No identifier given.", "Give the data subject's identifier as the id column holds it.");
        }
        Map<String, String> searched = new LinkedHashMap<>();
        for (DatasetConfig d : project.config().datasets()) {
            if (d.subjectColumn() != null) {
                searched.put(d.name(), d.subjectColumn());
            }
        }
        if (searched.isEmpty()) {
            throw new UserError("No dataset in mlwb.yaml declares a subject_id_column or an id_column, so no row can be "
                    + "matched to a person.", "Declare the column naming the person in each dataset holding personal "
                    + "data (datasets[].subject_id_column, with personal_data: true).");
        }
        DatasetRepository datasets = new DatasetRepository(catalog);
        List<Holding> holdings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Set<Long> holdingVersions = new LinkedHashSet<>();
        for (DatasetConfig d : project.config().datasets()) {
            if (d.subjectColumn() == null) {
                continue;
            }
            ReadOptions options = ReadOptions.from(d);
            Path file = project.resolve(d);
            String workingSha = Files.isRegularFile(file) ? Fingerprints.fingerprint(file).sha256() : null;
            boolean workingCounted = false;
            DatasetRecord rec = datasets.findByName(d.name()).orElse(null);
            for (DatasetVersionRecord v : rec == null ? List.<DatasetVersionRecord>of() : datasets.versions(rec.id())) {
                String label = d.name() + "@" + v.versionNo();
                Integer rows = null;
                String commit = null;
                if (v.sha256().equals(workingSha)) {
                    rows = count(file, options, d.subjectColumn(), id);
                    workingCounted = true;
                } else if (repo != null) {
                    commit = v.commitSha() != null ? v.commitSha()
                            : new io.mlwb.data.history.DatasetVersions().commitHolding(repo, v.path(), v.sha256(), 50);
                    rows = commit == null ? null : fromGit(commit, v.path(), options, d.subjectColumn(), id);
                }
                if (rows == null) {
                    unreadable.add(label + " (" + v.path() + "): its bytes are neither in the working tree nor in a "
                            + "commit");
                } else if (rows > 0) {
                    holdings.add(new Holding(d.name(), label, v.path(), commit, rows));
                    holdingVersions.add(v.id());
                }
            }
            if (!workingCounted && workingSha != null) {
                int rows = count(file, options, d.subjectColumn(), id);
                if (rows > 0) {
                    holdings.add(new Holding(d.name(), "working tree", project.root().relativize(file).toString(), null,
                            rows));
                }
            }
        }
        List<Long> runs = new ArrayList<>();
        if (!holdingVersions.isEmpty()) {
            catalog.read("runs that read the subject's data", c -> {
                for (long v : holdingVersions) {
                    try (PreparedStatement st = c.prepareStatement(
                            "SELECT DISTINCT run_id FROM run_dataset WHERE dataset_version_id = ? ORDER BY run_id")) {
                        st.setLong(1, v);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                if (!runs.contains(rs.getLong(1))) {
                                    runs.add(rs.getLong(1));
                                }
                            }
                        }
                    }
                }
                return null;
            });
        }
        List<String> models = new ArrayList<>();
        List<String> deployments = new ArrayList<>();
        for (RegisteredModel m : ModelRegistry.of(catalog, project).list()) {
            for (ModelVersion v : m.versions()) {
                if (v.runId() != null && runs.contains(v.runId())) {
                    models.add(v.ref() + (v.retired() ? " (retired)" : ""));
                    v.deployments().forEach(dep -> deployments.add("deployment " + dep.id() + " of " + v.ref() + " on "
                            + dep.target() + " (" + dep.status() + ")"));
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id_sha256", io.mlwb.modelcard.ReviewBundle.sha256(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        d.put("holdings", holdings.size());
        d.put("runs", runs.size());
        d.put("models", models.size());
        new AuditLog(catalog).append(actor, "data.subject", "project", project.config().name(), d);
        return new Report(id, searched, holdings, unreadable, runs, models, deployments);
    }

    private Integer fromGit(String commit, String path, ReadOptions options, String column, String id) {
        try {
            String blob = repo.blobId(commit, path).orElse(null);
            if (blob == null) {
                return null;
            }
            Path tmp = Files.createTempFile("mlwb-subject", "-" + Path.of(path).getFileName());
            try {
                repo.writeBlob(blob, tmp);
                return count(tmp, options, column, id);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UserError e) {
            return null;
        }
    }

    private static int count(Path file, ReadOptions options, String column, String id) {
        DataTable t = new TableReader().read(file, options, Progress.NONE).table();
        Column c = t.column(column).orElse(null);
        if (c == null) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (c.isMissing(i)) {
                continue;
            }
            String v;
            if (c instanceof CategoricalColumn k) {
                v = k.value(i);
            } else if (c instanceof NumericColumn num) {
                double x = num.values()[i];
                v = x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
            } else {
                continue;
            }
            if (id.equals(v)) {
                n++;
            }
        }
        return n;
    }
}
