package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import io.mlwb.modelcard.CardComments;
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

/** {@code mlwb card new|fill|check|...|comment|comments|resolve-comment}: thin adapters over {@link CardService}. */
@Command(name = "card", mixinStandardHelpOptions = true,
        description = "Model cards: write one, check it, submit it for review, approve it or request changes.",
        subcommands = {CardCommand.NewCommand.class, CardCommand.FillCommand.class, CardCommand.CheckCommand.class,
            CardCommand.ExportCommand.class, CardCommand.BundleCommand.class, CardCommand.VerifyBundleCommand.class,
            CardCommand.SubmitCommand.class, CardCommand.SbomCommand.class, CardCommand.LicencesCommand.class,
            CardCommand.ApproveCommand.class, CardCommand.RequestChangesCommand.class,
            CardCommand.CommentCommand.class, CardCommand.CommentsCommand.class,
            CardCommand.ResolveCommentCommand.class})
final class CardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    /** The person git knows (GIT_AUTHOR_NAME/EMAIL first, then user.name/user.email), as "Name &lt;email&gt;". */
    static Author identity(Path root) {
        if (GitRepo.findRoot(root).isEmpty()) {
            String name = System.getenv("GIT_AUTHOR_NAME") != null ? System.getenv("GIT_AUTHOR_NAME")
                    : System.getProperty("user.name", "unknown");
            String email = System.getenv("GIT_AUTHOR_EMAIL") != null ? System.getenv("GIT_AUTHOR_EMAIL")
                    : name + "@localhost";
            return new Author(name, email);
        }
        try (GitRepo git = GitRepo.open(root)) {
            return git.author();
        }
    }

    /**
     * What the subcommands over a project share: its options, and the card service over its catalog for the length of
     * one use case (the catalog is closed before anything is printed).
     */
    abstract static class ProjectCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        /** What a subcommand does with the card service of its project. */
        @FunctionalInterface
        interface CardWork<T> {
            /**
             * @param cards   the card service over the open catalog
             * @param project the loaded project
             * @return the result
             */
            T apply(CardService cards, Project project);
        }

        /**
         * Loads the project, opens its catalog, does {@code work} over a {@link CardService} and closes the catalog.
         *
         * @param work what to do; it may call {@link CardCommand#identity} with the project's root
         * @param <T>  its result
         * @return the result
         */
        final <T> T withCards(CardWork<T> work) {
            Project p = options.load(spec);
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                return work.apply(new CardService(catalog, p), p);
            }
        }

        /** @return where the command prints */
        final PrintWriter printer() {
            return spec.commandLine().getOut();
        }
    }

    /** {@code mlwb card new NAME@VERSION}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Write model-cards/NAME.md for a registered version, every section with its prompt.")
    static final class NewCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME@VERSION")
        String target;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(target);
            String file = withCards((cards, p) -> p.root().relativize(cards.create(ref, identity(p.root())))
                    .toString().replace('\\', '/'));
            printer().println(file);
            return 0;
        }
    }

    /** {@code mlwb card fill NAME}. */
    @Command(name = "fill", mixinStandardHelpOptions = true,
            description = "Fill the card from the catalog (metrics, data, fairness, importances, monitoring); marked "
                    + "blocks are refreshed, hand-written text is kept.")
    static final class FillCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @Override
        public Integer call() {
            java.util.List<String> blocks = withCards((cards, p) -> cards.fill(model, identity(p.root())));
            printer().printf("filled %s: %s%n", CardService.FOLDER + "/" + model + ".md",
                    String.join(", ", blocks));
            return 0;
        }
    }

    /** {@code mlwb card export NAME --format hf|mct|html --out OUT}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the card: hf (OUT/README.md for the Hugging Face Hub), mct (Model Card Toolkit JSON, "
                    + "schema v0.0.2) or html (a self-contained page).")
    static final class ExportCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @picocli.CommandLine.Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "hf, mct or html")
        String format;

        @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "OUT",
                description = "a folder for hf, a file for mct and html")
        Path out;

        @Override
        public Integer call() {
            Path file = withCards((cards, p) -> cards.export(model, format, out));
            printer().println("wrote " + file);
            return 0;
        }
    }

    /** {@code mlwb card bundle NAME --out FILE.zip}. */
    @Command(name = "bundle", mixinStandardHelpOptions = true,
            description = "Write a review bundle: the card, its evidence and a manifest of SHA-256 hashes signed with "
                    + "your Ed25519 key (made on first use outside the project).")
    static final class BundleCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.zip")
        Path out;

        @picocli.CommandLine.Option(names = "--key", paramLabel = "FILE",
                description = "Your Ed25519 signing key (made there on first use; keep it outside every project). "
                        + "Default: $XDG_DATA_HOME/mlwb/signing-key.der, else ~/.local/share/mlwb/.")
        Path key;

        @Override
        public Integer call() {
            String fingerprint = withCards((cards, p) -> cards.bundle(model, out, identity(p.root()),
                    key != null ? key.toAbsolutePath() : io.mlwb.modelcard.ReviewBundle.defaultKeyFile()));
            printer().printf("wrote %s, signed with key %s%n", out, fingerprint);
            return 0;
        }
    }

    /** {@code mlwb card verify-bundle FILE.zip}. */
    @Command(name = "verify-bundle", mixinStandardHelpOptions = true,
            description = "Check a review bundle's signature and every file's hash; exit 1 naming each file that no "
                    + "longer matches.")
    static final class VerifyBundleCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.zip")
        Path zip;

        @picocli.CommandLine.Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            io.mlwb.modelcard.ReviewBundle.Verification v = io.mlwb.modelcard.ReviewBundle.verify(zip);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ok", v.ok());
                m.put("signer", v.signer());
                m.put("key", v.fingerprint());
                m.put("about", v.about());
                m.put("problems", v.problems());
                Json.print(out, m);
            } else {
                out.printf("%s: %s%n", zip, v.ok() ? "verified" : "DOES NOT VERIFY");
                out.printf("  signed by %s with key %s%n", v.signer(), v.fingerprint());
                v.about().forEach((k, val) -> out.printf("  %s: %s%n", k, val));
                v.problems().forEach(x -> out.printf("  %s%n", x));
            }
            return v.ok() ? 0 : ExitCode.CHECK_FAILED.code();
        }
    }

    /** {@code mlwb card check NAME}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Exit 1 when the card lacks a section or an approval its risk tier requires.")
    static final class CheckCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @Override
        public Integer call() {
            record Seen(CardService.State state, java.util.List<CardComments.Comment> open) {
            }
            Seen seen = withCards((cards, p) -> new Seen(cards.state(model),
                    cards.comments().list(model, true).stream().filter(CardComments.Comment::root).toList()));
            CardService.State s = seen.state();
            java.util.List<CardComments.Comment> open = seen.open();
            CardService.Check c = s.check();
            boolean ok = c.complete() && (s.required() == 0 || s.approved());
            PrintWriter out = printer();
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", c.model());
                m.put("version", s.version());
                m.put("file", c.file());
                m.put("status", s.status());
                m.put("risk_tier", c.tier().yamlName());
                m.put("required", c.required());
                m.put("missing", c.missing());
                m.put("completeness", c.completeness());
                m.put("approvals_required", s.required());
                m.put("approved_by", s.approvedBy());
                m.put("sha256", s.contentHash());
                m.put("last_decision", s.lastDecision());
                m.put("unknown_sections", c.unknownHeadings());
                m.put("suggested_tier", c.suggested().tier().yamlName());
                m.put("suggested_because", c.suggested().matches());
                m.put("warnings", c.tierWarning() == null ? java.util.List.of() : java.util.List.of(c.tierWarning()));
                com.fasterxml.jackson.databind.node.ArrayNode comments = Json.MAPPER.createArrayNode();
                open.forEach(x -> comments.add(x.toJson()));
                m.put("open_comments", comments);
                m.put("ok", ok);
                Json.print(out, m);
            } else {
                out.printf("%s for %s (risk tier %s): %s; %d of %d required sections filled (%.0f%%)%n", c.file(),
                        s.version(), c.tier().yamlName(), s.status(), c.filled(), c.required().size(),
                        100 * c.completeness());
                c.missing().forEach(x -> out.printf("  missing: %s%n", x));
                out.printf("  approvals: %d of %d%s%n", s.approvedBy().size(), s.required(), s.approvedBy().isEmpty()
                        ? "" : " (" + String.join(", ", s.approvedBy()) + ")");
                if (s.lastDecision() != null) {
                    out.printf("  last decision: %s%n", s.lastDecision());
                }
                out.printf("  suggested risk tier: %s%n", c.suggested().tier().yamlName());
                if (c.tierWarning() != null) {
                    out.printf("  warning: %s%n", c.tierWarning());
                }
                out.printf("  open comments: %d%n", open.size());
                open.forEach(x -> out.printf("    %s%n", CardComments.describe(java.util.List.of(x))));
            }
            return ok ? 0 : ExitCode.CHECK_FAILED.code();
        }
    }

    /** {@code mlwb card sbom NAME [--out FILE] [--json]}. */
    @Command(name = "sbom", mixinStandardHelpOptions = true,
            description = "The CycloneDX 1.6 SBOM of what the model needs at serving time: mlwb's serving runtime, DJL "
                    + "and PyTorch, Jackson, SLF4J..., the model and its training data, with licences and package URLs.")
    static final class SbomCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "NAME (the version its card describes, else the "
                + "latest), NAME@VERSION or NAME@ALIAS")
        String model;

        @picocli.CommandLine.Option(names = "--out", paramLabel = "FILE", description = "Write the SBOM to FILE.")
        Path out;

        @Override
        public Integer call() {
            io.mlwb.modelcard.SupplyChain.Sbom sbom = withCards((cards, p) -> cards.sbom(model));
            PrintWriter o = printer();
            if (out != null) {
                try {
                    if (out.toAbsolutePath().getParent() != null) {
                        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
                    }
                    java.nio.file.Files.writeString(out, sbom.json(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new io.mlwb.core.error.UserError("Cannot write " + out + ": " + e.getMessage(),
                            "Check the path.", ExitCode.BAD_INPUT, e);
                }
            }
            if (options.json) {
                o.print(sbom.json());
            } else {
                if (out != null) {
                    o.printf("wrote %s (CycloneDX %s, %d components)%n", out,
                            io.mlwb.modelcard.SupplyChain.SPEC.getVersionString(), sbom.items().size());
                }
                o.printf("SBOM of %s%n", sbom.model());
                sbom.items().forEach(i -> o.printf("  %-22s %-55s %-16s %s%n", i.kind(), i.name(),
                        i.version() == null ? "" : i.version(), i.licence() == null ? "(no licence declared)"
                                : i.licence().equals("-") ? "(mlwb)" : i.licence()));
            }
            return 0;
        }
    }

    /** {@code mlwb card licences NAME [--json]}. */
    @Command(name = "licences", aliases = "licenses", mixinStandardHelpOptions = true,
            description = "Check every licence of the model's SBOM (libraries and training data) against mlwb.yaml's "
                    + "licences: policy; exit 1 when a denied licence is present.")
    static final class LicencesCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "NAME, NAME@VERSION or NAME@ALIAS")
        String model;

        @Override
        public Integer call() {
            io.mlwb.modelcard.SupplyChain.LicenceCheck check = withCards((cards, p) -> cards.licences(model));
            PrintWriter o = printer();
            if (options.json) {
                Json.print(o, check.toJson());
            } else {
                o.printf("Licences of %s%s%n", check.model(), check.policy().isEmpty()
                        ? " (no licences: policy in mlwb.yaml, so every licence is unknown)" : "");
                check.findings().forEach(f -> o.printf("  %-8s %-55s %-12s %s%n", f.verdict().jsonName(), f.name(),
                        f.version() == null ? "" : f.version(), f.licence() == null ? "(no licence declared)"
                                : f.licence()));
                o.printf("%s%n", check.denied() ? "DENIED licences present: the model must not ship with them"
                        : "no denied licence");
            }
            return check.denied() ? ExitCode.CHECK_FAILED.code() : 0;
        }
    }

    /** What {@code submit}, {@code approve} and {@code request-changes} share. */
    abstract static class Step extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @picocli.CommandLine.Option(names = "--comment", paramLabel = "TEXT", description = "A comment, audited.")
        String comment;

        abstract CardService.State apply(CardService cards, Author who);

        @Override
        public Integer call() {
            record Done(CardService.State state, java.util.List<CardComments.Comment> open) {
            }
            Done done = withCards((cards, p) -> {
                CardService.State after = apply(cards, identity(p.root()));
                return new Done(after, cards.comments().openOn(model, after.version()));
            });
            CardService.State s = done.state();
            java.util.List<CardComments.Comment> open = done.open();
            printer().printf("%s's card is %s (approvals %d of %d)%n", s.version(), s.status(),
                    s.approvedBy().size(), s.required());
            if (!open.isEmpty()) {
                // a warning, not a refusal: approval is what open comments block (CardService.decide)
                PrintWriter err = spec.commandLine().getErr();
                err.printf("warning: %d open comment%s on %s's card:%n", open.size(), open.size() == 1 ? "" : "s",
                        s.version());
                open.forEach(x -> err.printf("  %s%n", CardComments.describe(java.util.List.of(x))));
            }
            return 0;
        }
    }

    /** {@code mlwb card submit NAME}. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit a draft for review (exit 1 when a required section is missing).")
    static final class SubmitCommand extends Step {
        @Override
        CardService.State apply(CardService cards, Author who) {
            return cards.submit(model, comment, who);
        }
    }

    /** {@code mlwb card approve NAME}. */
    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve the card in review, as the person git knows.")
    static final class ApproveCommand extends Step {
        @picocli.CommandLine.Option(names = "--allow-open-comments",
                description = "Approve even though comments on this version are open (refused with exit 1 otherwise).")
        boolean allowOpenComments;

        @Override
        CardService.State apply(CardService cards, Author who) {
            return cards.decide(model, true, comment, who, allowOpenComments);
        }
    }

    /** {@code mlwb card request-changes NAME --comment TEXT}. */
    @Command(name = "request-changes", mixinStandardHelpOptions = true,
            description = "Send the card in review back to its author, with a comment.")
    static final class RequestChangesCommand extends Step {
        @Override
        CardService.State apply(CardService cards, Author who) {
            return cards.decide(model, false, comment, who);
        }
    }

    /** {@code mlwb card comment NAME --section KEY --text TEXT [--quote TEXT] [--reply-to ID]}. */
    @Command(name = "comment", mixinStandardHelpOptions = true,
            description = "Comment on a section of the card (or reply to a comment), as the person git knows; audited.")
    static final class CommentCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @picocli.CommandLine.Option(names = "--section", paramLabel = "KEY",
                description = "The section: its heading (\"Metrics\") or key (\"metric\"). Not with --reply-to.")
        String section;

        @picocli.CommandLine.Option(names = "--text", required = true, paramLabel = "TEXT")
        String text;

        @picocli.CommandLine.Option(names = "--quote", paramLabel = "TEXT",
                description = "An excerpt of the section the comment is about (must be in it).")
        String quote;

        @picocli.CommandLine.Option(names = "--reply-to", paramLabel = "ID",
                description = "Reply to this comment (joins its thread and section).")
        Long replyTo;

        @Override
        public Integer call() {
            CardComments.Comment c = withCards((cards, p) -> {
                CardComments comments = cards.comments();
                if (replyTo != null) {
                    if (section != null || quote != null) {
                        throw new io.mlwb.core.error.UserError("A reply takes the section of the comment it answers.",
                                "Leave --section and --quote out with --reply-to.");
                    }
                    CardComments.Comment parent = comments.get(replyTo, null);
                    if (!parent.model().equals(model)) {
                        throw new io.mlwb.core.error.UserError("Comment " + replyTo + " is on " + parent.model()
                                + "'s card, not " + model + "'s.", "Reply with `mlwb card comment " + parent.model()
                                + " --reply-to " + replyTo + " --text TEXT`.");
                    }
                    return comments.reply(replyTo, text, identity(p.root()));
                }
                return comments.add(model, section, quote, text, identity(p.root()));
            });
            if (options.json) {
                Json.print(printer(), c.toJson());
            } else {
                printer().printf("comment %d on %s (%s)%n", c.id(), c.version(), c.sectionHeading());
            }
            return 0;
        }
    }

    /** {@code mlwb card comments NAME [--open] [--json]}. */
    @Command(name = "comments", mixinStandardHelpOptions = true,
            description = "List the comments on the card, thread by thread; orphaned ones (section gone) are marked.")
    static final class CommentsCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String model;

        @picocli.CommandLine.Option(names = "--open", description = "Only unresolved threads.")
        boolean open;

        @Override
        public Integer call() {
            java.util.List<CardComments.Comment> list = withCards((cards, p) -> cards.comments().list(model, open));
            PrintWriter out = printer();
            if (options.json) {
                com.fasterxml.jackson.databind.node.ArrayNode a = Json.MAPPER.createArrayNode();
                list.forEach(x -> a.add(x.toJson()));
                Json.print(out, a);
                return 0;
            }
            if (list.isEmpty()) {
                out.println(open ? "no open comments" : "no comments");
            }
            for (CardComments.Comment c : list) {
                String state = c.open() ? "open" : "resolved by " + c.resolvedBy();
                out.printf("%s#%d %s [%s%s] %s, %s: %s%n", c.root() ? "" : "    ", c.id(), c.version(),
                        c.sectionHeading(), c.orphaned() ? ", orphaned" : "", c.author(), c.root() ? state : "reply",
                        c.text());
                if (c.quote() != null) {
                    out.printf("%s    on \"%s\"%s%n", c.root() ? "" : "    ", c.quote(),
                            c.quoteFound() ? "" : " (no longer in the section)");
                }
            }
            return 0;
        }
    }

    /** {@code mlwb card resolve-comment ID}. */
    @Command(name = "resolve-comment", mixinStandardHelpOptions = true,
            description = "Resolve a comment's thread, as the person git knows; audited. Exit 1 when already resolved.")
    static final class ResolveCommentCommand extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            CardComments.Comment c = withCards((cards, p) -> cards.comments().resolve(id, identity(p.root())));
            if (options.json) {
                Json.print(printer(), c.toJson());
            } else {
                printer().printf("resolved comment %d on %s (%s)%n", c.id(), c.version(),
                        c.sectionHeading());
            }
            return 0;
        }
    }
}
