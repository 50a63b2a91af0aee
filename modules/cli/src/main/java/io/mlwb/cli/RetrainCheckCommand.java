package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.service.RetrainCheck;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb retrain-check [MODEL] [--current DATA]}: a thin adapter over {@link RetrainCheck}. */
@Command(name = "retrain-check", mixinStandardHelpOptions = true,
        description = "Which retraining triggers of mlwb.yaml (drift.retraining) fire, with the evidence; exit 1 when "
                + "one does (for a scheduler or CI).")
final class RetrainCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "One model (default: every model "
            + "with a trigger).")
    String model;

    @Option(names = "--current", paramLabel = "DATA", description = "Current data for the drift conditions, in any "
            + "form `mlwb drift` takes (a file, dataset:NAME, REV:path, a request-log folder).")
    String current;

    @Override
    public Integer call() {
        Project p = options.load(spec);
        List<RetrainCheck.Outcome> outcomes;
        try (Catalog catalog = Catalog.open(p.catalogFile());
             GitRepo repo = GitRepo.findRoot(p.root()).isPresent() ? GitRepo.open(p.root()) : null) {
            outcomes = new RetrainCheck(p, catalog, ModelRegistry.of(catalog, p), new DriftService(p, catalog, repo),
                    Clock.systemUTC()).check(model, current, System.getProperty("user.name", "unknown"));
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean fires = outcomes.stream().anyMatch(RetrainCheck.Outcome::fires);
        if (options.json) {
            Json.print(out, Map.of("retrain", fires, "models", outcomes.stream().map(RetrainCheck.Outcome::toJson)
                    .toList()));
        } else {
            for (RetrainCheck.Outcome o : outcomes) {
                out.printf("%s (%s): %s%n", o.model(), o.version() == null ? "no version in service" : o.version(),
                        o.fires() ? "RETRAIN" : "ok");
                for (RetrainCheck.Finding f : o.findings()) {
                    out.printf("  %-24s %-14s %s%n", f.condition(), f.status(), f.evidence());
                }
            }
        }
        return fires ? ExitCode.CHECK_FAILED.code() : 0;
    }
}
