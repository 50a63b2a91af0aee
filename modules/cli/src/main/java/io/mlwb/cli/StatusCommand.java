package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogStats;
import io.mlwb.core.project.Project;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.RepoStatus;
import io.mlwb.vcs.WorkTreeState;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mlwb status}: the project, its git state (branch, commit, dirty) and what the catalog holds. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the project, branch, commit, uncommitted changes and catalog counts.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Override
    public Integer call() {
        Project project = options.load(spec);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", project.config().name());
        out.put("root", project.root().toString());
        out.put("risk_tier", project.config().riskTier().yamlName());
        Map<String, Object> git = new LinkedHashMap<>();
        try (GitRepo repo = GitRepo.open(project.root())) {
            WorkTreeState state = repo.workTreeState();
            RepoStatus status = repo.status();
            git.put("branch", state.branch());
            git.put("detached", state.detached());
            git.put("commit", state.commitSha());
            git.put("dirty", state.dirty());
            git.put("modified", status.modified().size() + status.missing().size() + status.removed().size());
            git.put("added", status.added().size());
            git.put("untracked", status.untracked().size());
            git.put("conflicting", status.conflicting().size());
        }
        out.put("git", git);
        Map<String, Object> cat = new LinkedHashMap<>();
        try (Catalog catalog = Catalog.open(project.catalogFile())) {
            cat.put("file", project.root().relativize(catalog.file().toAbsolutePath()).toString());
            cat.put("schema_version", catalog.schemaVersion());
            cat.put("mode", catalog.readOnly() ? "read-only" : "read-write");
            catalog.readOnlyReason().ifPresent(r -> cat.put("read_only_reason", r));
            cat.put("counts", new CatalogStats(catalog).counts());
        }
        out.put("catalog", cat);
        project.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        if (options.json) {
            Json.print(spec.commandLine().getOut(), out);
        } else {
            printText(spec.commandLine().getOut(), out, git, cat);
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter w, Map<String, Object> out, Map<String, Object> git, Map<String, Object> cat) {
        w.printf("Project   %s (risk tier %s)%n", out.get("project"), out.get("risk_tier"));
        w.printf("Root      %s%n", out.get("root"));
        Object commit = git.get("commit");
        String branch = Boolean.TRUE.equals(git.get("detached")) ? "(detached HEAD)" : String.valueOf(git.get("branch"));
        w.printf("Branch    %s%n", branch);
        w.printf("Commit    %s%n", commit == null ? "(no commits yet)" : commit);
        w.printf("Changes   %s (%s modified, %s added, %s untracked, %s conflicting)%n",
                Boolean.TRUE.equals(git.get("dirty")) ? "dirty" : "clean",
                git.get("modified"), git.get("added"), git.get("untracked"), git.get("conflicting"));
        w.printf("Catalog   %s (schema v%s, %s)%n", cat.get("file"), cat.get("schema_version"), cat.get("mode"));
        if (cat.containsKey("read_only_reason")) {
            w.printf("          %s%n", cat.get("read_only_reason"));
        }
        ((Map<String, Long>) cat.get("counts")).forEach((k, v) -> w.printf("  %-18s %d%n", k, v));
    }
}
