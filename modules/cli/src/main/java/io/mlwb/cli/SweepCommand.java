package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.SweepService;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.training.sweep.Trial;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb sweep FILE}: a thin adapter over {@link SweepService}; prints each trial and the ranked results. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a hyperparameter sweep (training/sweeps/*.yaml): grid, random or TPE, with a budget and "
            + "successive halving.", "Every trial is a child run of the sweep's run in the catalog."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (format: docs/sweeps.md).")
    Path file;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the ranked trials as JSON to OUT ('-' for stdout).")
    String jsonOut;

    @Option(names = "--project", paramLabel = "DIR", description = "The project (default: the nearest one upward).")
    Path project;

    @Override
    public Integer call() {
        Path given = project;
        if (given == null && spec.root().userObject() instanceof MlwbCommand root) {
            given = root.project;
        }
        Path start = given == null ? Path.of("").toAbsolutePath() : given.toAbsolutePath().normalize();
        Project p = Project.load(Project.findRoot(start).orElseThrow(() -> new UserError("no mlwb project at " + start,
                "Run `mlwb init` to make it one, or pass --project DIR.")));
        boolean toStdout = "-".equals(jsonOut);
        PrintWriter say = toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread hook = new Thread(() -> cancelled.set(true), "mlwb-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SweepService.Outcome outcome;
        try (GitRepo repo = GitRepo.findRoot(p.root()).isPresent() ? GitRepo.open(p.root()) : null;
             Catalog catalog = Catalog.open(p.catalogFile())) {
            TrainingService training = new TrainingService(p, repo, catalog, TrainingSettings.current(),
                    Clock.systemUTC());
            training.markInterrupted();
            outcome = new SweepService(p, catalog, training, Clock.systemUTC()).run(file, new SweepService.Listener() {
                @Override
                public void trialStarted(int trial, Map<String, String> overrides) {
                    say.printf("trial %d  %s%n", trial, overrides);
                    say.flush();
                }

                @Override
                public void trialFinished(Trial t) {
                    say.printf("trial %d  %s  %s=%s  run %s%n", t.number(), t.status().name().toLowerCase(Locale.ROOT),
                            "value", t.value() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.value()),
                            t.runId() == null ? "-" : t.runId());
                    say.flush();
                }
            }, new Progress() {
                @Override
                public void report(double fraction, String message) {
                    // per-epoch lines would drown the trial lines
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
        say.printf("%nSweep run %d: %d trials, stopped by %s; ranked by %s%n", outcome.parentRunId(),
                outcome.result().trials().size(), outcome.result().stopReason().name().toLowerCase(Locale.ROOT),
                outcome.metric());
        say.printf("%-6s %-10s %-10s %-6s %s%n", "TRIAL", "STATUS", "VALUE", "RUN", "PARAMETERS");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Trial t : outcome.result().trials()) {
            say.printf("%-6d %-10s %-10s %-6s %s%s%n", t.number(), t.status().name().toLowerCase(Locale.ROOT),
                    t.value() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.value()),
                    t.runId() == null ? "-" : t.runId(), t.overrides(), t.best() ? "  <- best" : "");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", t.number());
            row.put("status", t.status().name().toLowerCase(Locale.ROOT));
            row.put("value", t.value());
            row.put("run_id", t.runId() == null ? null : Long.parseLong(t.runId()));
            row.put("epochs", t.epochs());
            row.put("parameters", t.overrides());
            row.put("best", t.best());
            row.put("error", t.error());
            rows.add(row);
        }
        if (jsonOut != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sweep_run_id", outcome.parentRunId());
            doc.put("metric", outcome.metric());
            doc.put("stop_reason", outcome.result().stopReason().name().toLowerCase(Locale.ROOT));
            doc.put("cost_usd", outcome.result().costUsd());
            doc.put("trials", rows);
            if (toStdout) {
                Json.print(spec.commandLine().getOut(), doc);
            } else {
                try {
                    Files.writeString(Path.of(jsonOut), Json.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(doc) + System.lineSeparator());
                } catch (IOException e) {
                    throw new UserError("cannot write " + jsonOut + ": " + e.getMessage(), "Check the path.",
                            ExitCode.BAD_INPUT, e);
                }
            }
        }
        return ExitCode.OK.code();
    }
}
