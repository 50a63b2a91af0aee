package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingControl;
import io.mlwb.training.engine.TrainingListener;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb train}: a thin adapter over {@link TrainingService}, which the Training pane uses too. Prints a line per
 * epoch and the run id; {@code --json OUT} writes the run id and the final metrics per split.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from a spec in training/, or a quick baseline from a data file.",
            "Every run is recorded in the project's catalog (spec, data version, git commit, metrics, model)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "A training spec (training/*.yaml).")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a spec field, e.g. "
            + "--set optimizer.learning_rate=0.01 --set model.layers=[128,64] (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume a stopped or interrupted run from its last "
            + "checkpoint.")
    Long resume;

    @Option(names = "--from-checkpoint", paramLabel = "CHECKPOINT", description = "With --resume RUN: start a NEW "
            + "run from this checkpoint of RUN (its id, from `mlwb runs show RUN`), with RUN's spec and any --set.")
    Long fromCheckpoint;

    @Option(names = "--resume-latest", description = "Resume the newest stopped or interrupted run of SPEC from its "
            + "last checkpoint, or train SPEC anew when it has none (what a restarted remote worker runs).")
    boolean resumeLatest;

    @Option(names = "--metrics-jsonl", paramLabel = "FILE", description = "Also append every epoch's and the final "
            + "metrics to FILE as JSON lines (what `mlwb remote import` reads back).")
    Path metricsJsonl;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the run id and final metrics per split as JSON "
            + "to OUT ('-' for stdout).")
    String jsonOut;

    @Option(names = "--data", paramLabel = "FILE", description = "Quick baseline: the data file (CSV or Parquet).")
    Path data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Quick baseline: the column to predict.")
    String target;

    @Option(names = "--model", paramLabel = "MODEL", description = "Quick baseline: logistic (default for a binary "
            + "target), linear (default for a numeric one) or mlp.")
    String model;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Quick baseline: stratified (default for a binary "
            + "target), random, or time:COLUMN.")
    String split;

    @Option(names = "--project", paramLabel = "DIR", description = "The project (default: the nearest one upward).")
    Path project;

    @Option(names = "--quiet", description = "Print only the result line.")
    boolean quiet;

    @Option(names = "--name", paramLabel = "NAME", description = "The run's name (default: the spec's file name and "
            + "the start time); checked against naming.run in mlwb.yaml.")
    String runName;

    @Override
    public Integer call() {
        boolean quick = data != null || target != null;
        if (quick && (specFile != null || resume != null)) {
            throw new UserError("give either a SPEC, --resume RUN, or --data with --target, not several",
                    "Run `mlwb train --help` for the forms.");
        }
        if (quick && (data == null || target == null)) {
            throw new UserError("a quick baseline needs both --data FILE and --target COLUMN",
                    "Run e.g. `mlwb train --data data/loans.csv --target defaulted`.");
        }
        if (!quick && (model != null || split != null)) {
            throw new UserError("--model and --split belong to the quick baseline (with --data and --target)",
                    "In a spec, set model.type and split.strategy, or use --set.");
        }
        if (!quick && specFile == null && resume == null) {
            throw new UserError("nothing to train: give a SPEC, --resume RUN, or --data FILE --target COLUMN",
                    "Run `mlwb train training/<spec>.yaml`; the sample project has two specs.");
        }
        if (resumeLatest && (specFile == null || resume != null)) {
            throw new UserError("--resume-latest needs a SPEC (and no --resume RUN)",
                    "Run `mlwb train training/<spec>.yaml --resume-latest`.");
        }
        Project p = project(quick);
        TrainRequest request = quick ? TrainRequest.quick(new TrainRequest.Quick(data, target, model, split))
                : resume != null && fromCheckpoint != null ? TrainRequest.fromCheckpoint(resume, fromCheckpoint,
                overrides) : resume != null ? TrainRequest.resume(resume) : TrainRequest.spec(specFile, overrides);
        if (fromCheckpoint != null && resume == null) {
            throw new UserError("--from-checkpoint needs --resume RUN (the run the checkpoint belongs to)",
                    "Run `mlwb train --resume RUN --from-checkpoint ID [--set key=value]`.");
        }
        if (runName != null) {
            if (resume != null && fromCheckpoint == null) {
                throw new UserError("--name names a new run; a resumed run keeps its name",
                        "Rename it with `mlwb runs rename RUN NAME`.");
            }
            request = request.named(runName.strip());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean jsonToStdout = "-".equals(jsonOut);
        PrintWriter say = jsonToStdout ? err : out;
        TrainResult result;
        GitRepo repo = openRepo(p.root());
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            TrainingService service = new TrainingService(p, repo, catalog, TrainingSettings.current(),
                    Clock.systemUTC());
            List<Long> interrupted = service.markInterrupted();
            if (!interrupted.isEmpty()) {
                say.printf("Marked %d run(s) interrupted (their process ended): %s; resume with --resume RUN.%n",
                        interrupted.size(), interrupted);
            }
            if (resumeLatest) {
                java.util.Optional<Long> latest = service.latestResumable(specFile);
                if (latest.isPresent()) {
                    say.printf("Resuming run %d from its last checkpoint.%n", latest.get());
                    request = TrainRequest.resume(latest.get());
                }
            }
            TrainingControl control = new TrainingControl();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                // Ctrl-C: stop after the current batch and record the run as stopped, resumable
                control.stop();
                try {
                    done.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mlwb-train-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                TrainingListener shown = quiet ? null : printer(say);
                result = service.train(request, metricsJsonl == null ? shown : jsonLines(metricsJsonl, shown), control,
                        Progress.NONE);
                if (metricsJsonl != null) {
                    appendFinal(metricsJsonl, result);
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
        } finally {
            if (repo != null) {
                repo.close();
            }
        }
        result.warnings().forEach(w -> err.println("warning: " + w));
        say.println(summary(result));
        if (jsonOut != null) {
            Map<String, Object> doc = json(result, p);
            if (jsonToStdout) {
                Json.print(out, doc);
            } else {
                try {
                    Path target = Path.of(jsonOut);
                    if (target.getParent() != null) {
                        Files.createDirectories(target.getParent());
                    }
                    Files.writeString(target, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc)
                            + System.lineSeparator());
                } catch (IOException e) {
                    throw new UserError("cannot write " + jsonOut + ": " + e.getMessage(), "Check the path.",
                            ExitCode.BAD_INPUT, e);
                }
            }
        }
        return ExitCode.OK.code();
    }

    private Project project(boolean quick) {
        Path given = project;
        if (given == null && spec.root().userObject() instanceof MlwbCommand root) {
            given = root.project;
        }
        Path start = given == null ? Path.of("").toAbsolutePath() : given.toAbsolutePath().normalize();
        if (given != null && !Files.isDirectory(start)) {
            throw new UserError("project folder " + start + " does not exist", "Check the --project path.");
        }
        var root = Project.findRoot(start);
        if (root.isPresent()) {
            return Project.load(root.get());
        }
        if (quick && given != null) {
            // a quick baseline in a plain folder: record in DIR/.mlwb like a project without mlwb.yaml settings
            spec.commandLine().getErr().println("note: " + start + " has no " + Project.CONFIG_FILE
                    + "; training with default settings and recording in " + start.resolve(Project.STATE_DIR)
                    + " (run `mlwb init " + given + "` to make it a project)");
            return new Project(start, ProjectConfig.named(start.getFileName() == null ? "project"
                    : start.getFileName().toString()), List.of());
        }
        throw new UserError("no mlwb project at " + start + " (no " + Project.CONFIG_FILE + " there or above)",
                "Run `mlwb init` to make it one, or pass --project DIR.");
    }

    private static GitRepo openRepo(Path root) {
        try {
            return GitRepo.findRoot(root).isPresent() ? GitRepo.open(root) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static TrainingListener printer(PrintWriter say) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %3d  train_loss %.4f",
                        r.epoch(), r.trainLoss()));
                for (String k : List.of("val_loss", "val_roc_auc", "val_pr_auc", "val_f1", "val_rmse", "val_mae", "val_r2")) {
                    Double v = r.metrics().get(k);
                    if (v != null) {
                        sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v));
                    }
                }
                sb.append(String.format(Locale.ROOT, "  lr %.2g  %.1fs%s", r.lr(), r.seconds(), r.best() ? "  *" : ""));
                say.println(sb);
                say.flush();
            }
        };
    }

    /** Appends each epoch's metrics to a JSON-lines file ({"name", "step", "value", "time"}). */
    private static TrainingListener jsonLines(Path file, TrainingListener next) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                Map<String, Double> m = new LinkedHashMap<>(r.metrics());
                m.put("train_loss", r.trainLoss());
                m.put("lr", r.lr());
                append(file, m, r.epoch());
                if (next != null) {
                    next.onEpoch(r);
                }
            }
        };
    }

    private static void appendFinal(Path file, TrainResult r) {
        r.metrics().forEach((split, m) -> {
            Map<String, Double> named = new LinkedHashMap<>();
            m.forEach((k, v) -> named.put(split + "/" + k, v));
            append(file, named, r.bestEpoch());
        });
    }

    private static void append(Path file, Map<String, Double> metrics, long step) {
        StringBuilder sb = new StringBuilder();
        long now = System.currentTimeMillis();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("name", k);
                line.put("step", step);
                line.put("value", v);
                line.put("time", now);
                try {
                    sb.append(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(line)).append('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, sb, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), "Check the path.", ExitCode.BAD_INPUT, e);
        }
    }

    private static String summary(TrainResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.runId() == null ? "Run (not recorded)" : "Run " + r.runId()).append(' ');
        sb.append(switch (r.end()) {
            case "early_stopped" -> "finished (early stop after epoch " + r.epochs() + ", best epoch " + r.bestEpoch() + ")";
            case "stopped" -> "stopped after epoch " + r.epochs() + "; resume with `mlwb train --resume " + r.runId() + "`";
            default -> "finished (" + r.epochs() + " epochs, best " + r.bestEpoch() + ")";
        });
        sb.append(String.format(Locale.ROOT, " in %.1f s", r.seconds()));
        Map<String, Double> test = r.metrics().get("test");
        if (test != null) {
            for (String k : List.of("roc_auc", "accuracy", "rmse", "r2")) {
                if (test.containsKey(k)) {
                    sb.append(String.format(Locale.ROOT, "; test %s %.4f", k, test.get(k)));
                }
            }
        }
        if (r.specFile() != null) {
            sb.append("; spec ").append(r.specFile().getFileName());
        }
        return sb.toString();
    }

    private static Map<String, Object> json(TrainResult r, Project p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", r.runId());
        doc.put("status", r.status().dbValue());
        doc.put("end", r.end());
        doc.put("epochs", r.epochs());
        doc.put("best_epoch", r.bestEpoch());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String split : List.of("validation", "test")) {
            Map<String, Double> m = r.metrics().get(split);
            if (m != null) {
                Map<String, Object> clean = new LinkedHashMap<>();
                m.forEach((k, v) -> clean.put(k, v == null || !Double.isFinite(v) ? null : v));
                metrics.put(split, clean);
            }
        }
        doc.put("metrics", metrics);
        doc.put("threshold", Double.isFinite(r.threshold()) ? r.threshold() : null);
        doc.put("model", r.model() == null ? null : rel(p, r.model()));
        doc.put("spec", r.specFile() == null ? null : rel(p, r.specFile()));
        doc.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        doc.put("cost_usd", r.costUsd());
        doc.put("warnings", r.warnings());
        return doc;
    }

    private static String rel(Project p, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(p.root()) ? p.root().relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
