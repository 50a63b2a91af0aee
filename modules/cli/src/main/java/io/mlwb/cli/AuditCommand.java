package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditPage;
import io.mlwb.catalog.audit.AuditQuery;
import io.mlwb.catalog.audit.AuditService;
import io.mlwb.catalog.audit.AuditVerification;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb audit list|verify}: read and check the append-only, hash-chained audit log. A thin adapter over
 * {@link AuditService}, which the workbench's Audit log pane uses too.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read and verify the project's audit log.",
        subcommands = {AuditCommand.ListCommand.class, AuditCommand.VerifyCommand.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    /** {@code mlwb audit list}: entries, oldest first, optionally only those matching a text. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit entries, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Skip this many entries first.")
        int offset;

        @Option(names = "--filter", paramLabel = "TEXT", description = "Only entries whose actor, action, entity, "
                + "entity id or details contain TEXT (ASCII letters in either case); the total counts those.")
        String filter;

        @Override
        public Integer call() {
            Project project = options.load(spec);
            AuditPage page;
            try (Catalog catalog = Catalog.open(project.catalogFile())) {
                page = new AuditService(catalog).page(
                        new AuditQuery(Math.max(0, offset), Math.max(0, limit), filter, false));
            }
            List<AuditEntry> entries = page.entries();
            long total = page.total();
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (AuditEntry e : entries) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seq", e.seq());
                    row.put("time", Instant.ofEpochMilli(e.timeMillis()).toString());
                    row.put("actor", e.actor());
                    row.put("action", e.action());
                    row.put("entity", e.entity());
                    row.put("entity_id", e.entityId());
                    row.put("details", e.detailsJson());
                    row.put("prev_hash", e.prevHash());
                    row.put("hash", e.hash());
                    rows.add(row);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("total", total);
                doc.put("entries", rows);
                Json.print(out, doc);
            } else {
                out.printf("%-5s %-24s %-28s %-22s %s%n", "SEQ", "TIME", "ACTOR", "ACTION", "ENTITY");
                for (AuditEntry e : entries) {
                    out.printf("%-5d %-24s %-28s %-22s %s %s%n", e.seq(), Instant.ofEpochMilli(e.timeMillis()),
                            e.actor(), e.action(), e.entity(), e.entityId() == null ? "" : e.entityId());
                }
                out.printf("%d of %d entries%n", entries.size(), total);
            }
            return 0;
        }
    }

    /** {@code mlwb audit verify}: recompute the hash chain; exit 1 naming the first broken entry. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the audit hash chain; exit 1 and name the first broken entry if it was altered.")
    static final class VerifyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Override
        public Integer call() {
            Project project = options.load(spec);
            AuditVerification v;
            try (Catalog catalog = Catalog.open(project.catalogFile())) {
                v = new AuditService(catalog).verify();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", v.ok());
                doc.put("entries_checked", v.entriesChecked());
                doc.put("first_broken_seq", v.firstBroken().orElse(null));
                doc.put("reason", v.reason().orElse(null));
                Json.print(out, doc);
            } else if (v.ok()) {
                out.printf("Audit chain intact: %d entries verified.%n", v.entriesChecked());
            } else {
                out.printf("Audit chain BROKEN at entry %d: %s (%d entries checked).%n",
                        v.firstBroken().orElse(-1L), v.reason().orElse("unknown"), v.entriesChecked());
            }
            return v.ok() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
        }
    }
}
