package io.mlwb.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricLatest;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything about one run, for its detail pane: the overview (who, when, spec as run, params, environment, hardware,
 * the dataset versions it read, git commit and dirty diff), every metric series with its kind, artifacts,
 * checkpoints, the audit trail, and the run's Markdown note (tag {@code mlwb.note}, changed through
 * {@link #setNote}, audited as {@code run.note}).
 */
public final class RunDetails {
    /** The tag holding a run's note (Markdown). */
    public static final String TAG_NOTE = "mlwb.note";
    /** Audit action of a note change. */
    public static final String AUDIT_NOTE = "run.note";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;

    /** @param catalog the project's catalog */
    public RunDetails(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A dataset version a run read.
     *
     * @param role      train, validation, test, reference...
     * @param dataset   the dataset's name
     * @param version   its version number
     * @param path      the file, relative to the project root
     * @param sha256    the content hash
     * @param gitBlobId the git blob id, or null
     * @param commitSha the commit holding it, or null
     * @param sizeBytes its size
     * @param rows      its rows, or null
     */
    public record DatasetInput(String role, String dataset, int version, String path, String sha256,
                               String gitBlobId, String commitSha, long sizeBytes, Long rows) {
    }

    /**
     * The overview of a run.
     *
     * @param run         the run as the runs table shows it (params, tags, latest metrics)
     * @param record      the stored row (commit, dirty flag and diff, seed, spec, versions, hardware, cost)
     * @param user        who started (or imported) it, from the audit log, or null
     * @param parentName  the parent run's (sweep's) name, or null
     * @param specFile    the spec file it was trained from, or null
     * @param specYaml    the spec's YAML text as run, or null
     * @param overrides   the {@code --set} overrides, or empty
     * @param environment versions and seed, flattened ({@code java}, {@code djl}, {@code seed}...)
     * @param hardware    the hardware, flattened ({@code cpu_model}, {@code gpus[0].name}...)
     * @param datasets    the dataset versions read
     * @param note        the note (Markdown), empty when none
     */
    public record Overview(TrackedRun run, RunRecord record, String user, String parentName, String specFile,
                           String specYaml, List<String> overrides, Map<String, String> environment,
                           Map<String, String> hardware, List<DatasetInput> datasets, String note) {
    }

    /**
     * @param id a run
     * @return its overview
     * @throws UserError when there is no such run
     */
    public Overview overview(long id) {
        RunRepository runs = new RunRepository(catalog);
        RunRecord r = record(runs, id);
        TrackedRun t = new TrackingService(catalog).show(id).run();
        String parent = r.parentRunId() == null ? null : runs.get(r.parentRunId()).map(RunRecord::name).orElse(null);
        String specFile = null;
        String yaml = null;
        List<String> overrides = new ArrayList<>();
        JsonNode spec = parse(r.specJson());
        if (spec != null && spec.isObject()) {
            specFile = text(spec.get("file"));
            yaml = text(spec.get("yaml"));
            JsonNode o = spec.get("overrides");
            if (o != null && o.isArray()) {
                o.forEach(n -> overrides.add(n.asText()));
            }
        } else if (r.specJson() != null) {
            yaml = r.specJson(); // an imported run's spec, whatever its shape
        }
        Map<String, String> env = flatten(parse(r.versionsJson()));
        if (r.seed() != null) {
            env.put("seed", Long.toString(r.seed()));
        }
        Map<String, String> hw = flatten(parse(r.hardwareJson()));
        String note = t.tags().getOrDefault(TAG_NOTE, "");
        return new Overview(t, r, user(id), parent, specFile, yaml, List.copyOf(overrides), env, hw, datasets(id),
                note == null ? "" : note);
    }

    private static RunRecord record(RunRepository runs, long id) {
        return runs.get(id).orElseThrow(() -> new UserError("there is no run " + id,
                "List the runs with `mlwb runs list`."));
    }

    private String user(long id) {
        return catalog.read("who started run " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT actor FROM audit_log WHERE entity = 'run' "
                    + "AND entity_id = ? AND action IN ('run.start', 'run.import') ORDER BY seq LIMIT 1")) {
                st.setString(1, Long.toString(id));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private List<DatasetInput> datasets(long id) {
        return catalog.read("read datasets of run " + id, c -> {
            List<DatasetInput> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT rd.role, d.name, v.version_no, v.path, v.sha256, "
                    + "v.git_blob_id, v.commit_sha, v.size_bytes, v.row_count FROM run_dataset rd "
                    + "JOIN dataset_version v ON v.id = rd.dataset_version_id JOIN dataset d ON d.id = v.dataset_id "
                    + "WHERE rd.run_id = ? ORDER BY rd.role, d.name, v.version_no")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long rows = rs.getLong(9);
                        out.add(new DatasetInput(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                                rs.wasNull() ? null : rows));
                    }
                }
            }
            return out;
        });
    }

    /**
     * @param id a run
     * @return every metric series it has points of (train, eval and system), by name
     * @throws UserError when there is no such run
     */
    public List<MetricSeries> series(long id) {
        record(new RunRepository(catalog), id);
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        List<MetricSeries> out = new ArrayList<>();
        for (MetricLatest m : reader.latest(id)) {
            MetricSeries s = reader.read(id, m.name(), m.kind());
            if (s.size() > 0) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * @param id a run
     * @return its artifacts, by path
     */
    public List<RunFiles.Artifact> artifacts(long id) {
        record(new RunRepository(catalog), id);
        return new RunFiles(catalog).artifacts(id);
    }

    /**
     * @param id a run
     * @return its checkpoints, by step
     */
    public List<RunFiles.Checkpoint> checkpoints(long id) {
        record(new RunRepository(catalog), id);
        return new RunFiles(catalog).checkpoints(id);
    }

    /**
     * The run's audit trail, newest first: entries about the run itself, about its sweep trials (for a sweep), and
     * entries about other things whose details name it ({@code "run_id": id}, e.g. a model version registered from
     * it).
     *
     * @param id a run
     * @return the entries, newest first
     */
    public List<AuditEntry> audit(long id) {
        String sid = Long.toString(id);
        return catalog.read("read audit trail of run " + id, c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT seq, time, actor, action, entity, entity_id, "
                    + "details, prev_hash, hash FROM audit_log WHERE (entity = 'run' AND (entity_id = ? OR entity_id IN "
                    + "(SELECT CAST(id AS TEXT) FROM run WHERE parent_run_id = ?))) OR (entity <> 'run' AND "
                    + "(details LIKE ? OR details LIKE ?)) ORDER BY seq DESC")) {
                st.setString(1, sid);
                st.setLong(2, id);
                st.setString(3, "%\"run_id\":" + sid + ",%");
                st.setString(4, "%\"run_id\":" + sid + "}%");
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Checks a run's recorded commit out on a new branch in the work tree, or into a new linked worktree, audited as
     * {@code run.checkout}.
     *
     * @param id       a run
     * @param repo     the project's repository
     * @param worktree into a new worktree at {@code folder} rather than a branch in the work tree
     * @param branch   the new branch's name
     * @param folder   the new worktree's folder (for {@code worktree})
     * @param actor    who
     * @return the commit checked out
     * @throws UserError when there is no such run, it recorded no commit, or git refuses (dirty tree, name taken)
     */
    public io.mlwb.vcs.CommitInfo checkout(long id, io.mlwb.vcs.GitRepo repo, boolean worktree, String branch,
                                           Path folder, String actor) {
        String sha = record(new RunRepository(catalog), id).commitSha();
        if (sha == null) {
            throw new UserError("run " + id + " recorded no git commit", "Only runs trained in a git project can be "
                    + "checked out.");
        }
        io.mlwb.vcs.CommitInfo c = worktree ? io.mlwb.vcs.CommitCheckout.intoWorktree(repo, sha, branch, folder)
                : io.mlwb.vcs.CommitCheckout.intoBranch(repo, sha, branch);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("commit", sha);
        details.put("branch", branch);
        if (worktree) {
            details.put("worktree", String.valueOf(folder));
        }
        new AuditLog(catalog).append(actor, "run.checkout", "run", Long.toString(id), details);
        return c;
    }

    /**
     * Sets (or, when blank, removes) a run's note, audited as {@code run.note} with its length in characters.
     *
     * @param id       a run
     * @param markdown the note
     * @param actor    who
     * @return whether the note changed
     * @throws UserError when there is no such run
     */
    public boolean setNote(long id, String markdown, String actor) {
        RunRepository runs = new RunRepository(catalog);
        record(runs, id);
        String now = markdown == null || markdown.isBlank() ? "" : markdown.stripTrailing();
        String was = runs.tags(id).get(TAG_NOTE);
        if (now.equals(was == null ? "" : was)) {
            return false;
        }
        if (now.isEmpty()) {
            runs.untag(id, TAG_NOTE);
        } else {
            runs.tag(id, TAG_NOTE, now);
        }
        new AuditLog(catalog).append(actor, AUDIT_NOTE, "run", Long.toString(id), Map.of("chars", now.length(),
                "previous_chars", was == null ? 0 : was.length()));
        return true;
    }

    /**
     * Where an artifact's file is: its path resolved against the project root (an imported run's {@code reference}
     * artifact may name an absolute path or a {@code file:} URI).
     *
     * @param projectRoot the project's root
     * @param path        the artifact's recorded path
     * @return the local file
     * @throws UserError when the path names a remote location ({@code s3://...}) or cannot be a path
     */
    public static Path localFile(Path projectRoot, String path) {
        int colon = path.indexOf("://");
        if (path.startsWith("file:")) {
            try {
                return Path.of(java.net.URI.create(path));
            } catch (IllegalArgumentException e) {
                throw new UserError("'" + path + "' is not a file URI the workbench can read", "Open it by hand.");
            }
        }
        if (colon > 1 && path.substring(0, colon).chars().allMatch(Character::isLetterOrDigit)) {
            throw new UserError(path + " is not a local file", "Fetch it with the tool that stored it.");
        }
        try {
            return projectRoot.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("'" + path + "' is not a valid path here", "Open it by hand.");
        }
    }

    /**
     * Copies artifacts of a run into a folder, a file at a time and a megabyte at a time, reporting the bytes copied;
     * a folder artifact is copied with everything in it. A file already in the folder is replaced. On cancel the
     * file being copied is removed and {@link Cancelled} is thrown; the files copied before stay.
     *
     * @param paths       the artifacts' recorded paths
     * @param projectRoot the project's root
     * @param target      the folder copied into (created when missing)
     * @param progress    progress and cancel
     * @return the files written, in order
     * @throws UserError when an artifact is missing or not local, or a copy fails
     */
    public static List<Path> exportArtifacts(List<String> paths, Path projectRoot, Path target, Progress progress) {
        List<Path[]> copies = new ArrayList<>();
        long total = 0;
        try {
            for (String p : paths) {
                Path src = localFile(projectRoot, p);
                if (!Files.exists(src)) {
                    throw new UserError("artifact " + p + " is missing (" + src + ")",
                            "It may have been deleted; train the run again to get it back.");
                }
                Path base = target.resolve(src.getFileName().toString());
                if (Files.isDirectory(src)) {
                    try (Stream<Path> walk = Files.walk(src)) {
                        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                            copies.add(new Path[] {f, base.resolve(src.relativize(f).toString())});
                            total += Files.size(f);
                        }
                    }
                } else {
                    copies.add(new Path[] {src, base});
                    total += Files.size(src);
                }
            }
            List<Path> written = new ArrayList<>();
            long done = 0;
            byte[] buf = new byte[1 << 20];
            for (Path[] c : copies) {
                Files.createDirectories(c[1].getParent());
                progress.report(total == 0 ? 0 : (double) done / total, c[0].getFileName().toString());
                boolean ok = false;
                try (InputStream in = Files.newInputStream(c[0]); OutputStream out = Files.newOutputStream(c[1])) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        progress.checkCancelled();
                        out.write(buf, 0, n);
                        done += n;
                        progress.report(total == 0 ? 0 : (double) done / total, c[0].getFileName().toString());
                    }
                    ok = true;
                } finally {
                    if (!ok) {
                        Files.deleteIfExists(c[1]);
                    }
                }
                written.add(c[1]);
            }
            progress.report(1, "");
            return written;
        } catch (IOException e) {
            throw new UserError("cannot export into " + target + ": " + e.getMessage(),
                    "Check the folder and the free space.");
        }
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A JSON object as dotted keys ({@code gpus[0].name}) to text, in document order. */
    static Map<String, String> flatten(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null) {
            flatten("", n, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                out.put(prefix, "[]");
            }
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix + "[" + i + "]", n.get(i), out);
            }
        } else if (!n.isNull()) {
            out.put(prefix.isEmpty() ? "value" : prefix, n.asText());
        }
    }
}
