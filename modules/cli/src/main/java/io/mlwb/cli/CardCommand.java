package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import io.mlwb.modelcard.CardService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.vcs.Author;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb card new|check}: thin adapters over {@link CardService}. */
@Command(name = "card", mixinStandardHelpOptions = true, description = "Model cards: write one, check it.",
        subcommands = {CardCommand.NewCommand.class, CardCommand.CheckCommand.class})
final class CardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    /** The person git knows (GIT_AUTHOR_NAME/EMAIL first, then user.name/user.email), as "Name &lt;email&gt;". */
    static String identity(Path root) {
        if (GitRepo.findRoot(root).isEmpty()) {
            String user = System.getProperty("user.name", "unknown");
            return user + " <" + user + "@localhost>";
        }
        try (GitRepo git = GitRepo.open(root)) {
            Author a = git.author();
            return a.name() + " <" + a.email() + ">";
        }
    }

    /** {@code mlwb card new NAME@VERSION}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Write model-cards/NAME.md for a registered version, every section with its prompt.")
    static final class NewCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "NAME@VERSION")
        String target;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(target);
            Project p = options.load(spec);
            Path file;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                file = new CardService(catalog, p).create(ref, identity(p.root()));
            }
            spec.commandLine().getOut().println(p.root().relativize(file).toString().replace('\\', '/'));
            return 0;
        }
    }

    /** {@code mlwb card check NAME}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Exit 1 when the card lacks a section its risk tier requires.")
    static final class CheckCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @Override
        public Integer call() {
            Project p = options.load(spec);
            CardService.Check c;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                c = new CardService(catalog, p).check(model);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", c.model());
                m.put("file", c.file());
                m.put("risk_tier", c.tier().yamlName());
                m.put("required", c.required());
                m.put("missing", c.missing());
                m.put("completeness", c.completeness());
                m.put("approvals_required", c.approvals());
                m.put("unknown_sections", c.unknownHeadings());
                m.put("ok", c.complete());
                Json.print(out, m);
            } else {
                out.printf("%s (risk tier %s): %d of %d required sections filled (%.0f%%)%n", c.file(),
                        c.tier().yamlName(), c.filled(), c.required().size(), 100 * c.completeness());
                c.missing().forEach(s -> out.printf("  missing: %s%n", s));
                out.printf("  approvals required: %d%n", c.approvals());
            }
            return c.complete() ? 0 : ExitCode.CHECK_FAILED.code();
        }
    }
}
