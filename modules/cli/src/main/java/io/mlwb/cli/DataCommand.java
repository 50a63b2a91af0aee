package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.data.mask.Masker;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb data mask}: a thin adapter over {@link Masker}. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Personal data tools.",
        subcommands = {DataCommand.MaskCommand.class, DataCommand.SubjectCommand.class})
final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    /** {@code mlwb data mask FILE --columns COL[:METHOD],… --out FILE}. */
    @Command(name = "mask", mixinStandardHelpOptions = true,
            description = "Write a copy of FILE for development and testing with personal columns masked: token "
                    + "(keyed HMAC, the key kept outside the project, no mapping written), age_band, postcode (outward "
                    + "part), year, drop.")
    static final class MaskCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--columns", required = true, split = ",", paramLabel = "COL[:METHOD]",
                description = "e.g. email:token,age:age_band,postcode:postcode (token by default)")
        List<String> columns = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Option(names = "--project", paramLabel = "DIR", description = "The project whose audit log records the "
                + "masking (default: the nearest one upward, if any).")
        Path project;

        @Override
        public Integer call() {
            Map<String, Masker.Method> methods = Masker.parse(columns);
            if (!Files.isRegularFile(file)) {
                throw new UserError("There is no file " + file + ".", "Give the data file to mask.");
            }
            Path given = project != null ? project : spec.root().userObject() instanceof MlwbCommand root
                    ? root.project : null;
            Optional<Project> p = Project.findRoot(given == null ? file.toAbsolutePath().getParent()
                    : given.toAbsolutePath()).map(Project::load);
            ReadOptions options = p.flatMap(pr -> pr.config().datasets().stream()
                    .filter(d -> pr.resolve(d).equals(file.toAbsolutePath().normalize())).findFirst())
                    .map(ReadOptions::from).orElse(ReadOptions.defaults());
            int rows = Masker.withKey(Masker.defaultKeyFile()).mask(file, options, methods, out);
            if (p.isPresent()) {
                try (Catalog catalog = Catalog.open(p.get().catalogFile())) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("file", file.toString());
                    d.put("out", out.toString());
                    Map<String, String> m = new LinkedHashMap<>();
                    methods.forEach((k, v) -> m.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
                    d.put("columns", m);
                    d.put("rows", rows);
                    new AuditLog(catalog).append(System.getProperty("user.name", "unknown"), "data.mask", "file",
                            file.toString(), d);
                }
            }
            spec.commandLine().getOut().printf("wrote %s: %d rows, %d column(s) masked%n", out, rows, methods.size());
            return 0;
        }
    }

    /** {@code mlwb data subject ID}. */
    @Command(name = "subject", mixinStandardHelpOptions = true,
            description = "Answer a data-subject request from the lineage: which dataset versions hold rows with ID "
                    + "(in each dataset's id_column), which runs read them, which model versions and deployments "
                    + "descend from those runs.")
    static final class SubjectCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            Project p = options.load(spec);
            io.mlwb.modelcard.DataSubject.Report r;
            try (Catalog catalog = Catalog.open(p.catalogFile());
                 io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.findRoot(p.root()).isPresent()
                         ? io.mlwb.vcs.GitRepo.open(p.root()) : null) {
                r = new io.mlwb.modelcard.DataSubject(catalog, p, repo).find(id, System.getProperty("user.name",
                        "unknown"));
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Json.print(out, r.toJson());
                return 0;
            }
            out.printf("Data subject %s (searched %s)%n", id, r.searched());
            if (r.holdings().isEmpty()) {
                out.println("  no row holds it");
            }
            r.holdings().forEach(h -> out.printf("  %d row(s) in %s: %s%s%n", h.rows(), h.version(), h.path(),
                    h.commit() == null ? "" : " at commit " + h.commit().substring(0, 7)));
            r.unreadable().forEach(u -> out.printf("  not checked: %s%n", u));
            out.printf("  runs trained on it: %s%n", r.runs().isEmpty() ? "none" : r.runs());
            out.printf("  model versions from those runs: %s%n", r.models().isEmpty() ? "none" : r.models());
            out.printf("  deployments: %s%n", r.deployments().isEmpty() ? "none" : r.deployments());
            return 0;
        }
    }
}
