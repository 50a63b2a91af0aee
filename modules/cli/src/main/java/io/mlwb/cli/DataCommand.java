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
        subcommands = {DataCommand.MaskCommand.class})
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
}
