package io.mlwb.deploy;

import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dated, editable table of instance prices ({@code resources/deploy/prices.csv}, shipped in the jar; a project's
 * own {@code deploy/prices.csv} replaces it). Each row names its source page and date; the table's note says prices
 * may be stale.
 *
 * @param source where the table was read from
 * @param rows   its rows, in file order
 */
public record PriceTable(String source, List<Price> rows) {
    /** Where a project keeps its own table, relative to the project root. */
    public static final String PROJECT_FILE = "deploy/prices.csv";
    /** Said next to every estimate. */
    public static final String STALE_NOTE = "Prices may be stale: they are list prices copied from the vendors' pages "
            + "on the dates shown; check the source before relying on an estimate, or edit the price table.";
    private static final String HEADER = "cloud,instance_type,kind,vcpus,memory_gib,accelerator,unit,on_demand_usd,"
            + "commit_1y_usd,as_of,source";

    /** Copies the rows. */
    public PriceTable {
        rows = List.copyOf(rows);
    }

    /**
     * One instance type's price.
     *
     * @param cloud        sagemaker, vertex, azureml or kubernetes (the nodes a cluster runs on)
     * @param instanceType the type's name as the platform spells it
     * @param kind         cpu, gpu, accelerator or serverless
     * @param vcpus        virtual CPUs, or 0 when not applicable
     * @param memoryGib    memory, or 0
     * @param accelerator  the GPU or accelerator, or empty
     * @param unit         {@code hour}, or {@code gb-second} for serverless
     * @param onDemandUsd  USD per unit on demand
     * @param commit1yUsd  USD per unit with a one-year commitment, or null when none is offered
     * @param asOf         when the figure was read
     * @param sourceUrl    the page it was read from
     */
    public record Price(String cloud, String instanceType, String kind, int vcpus, double memoryGib,
                        String accelerator, String unit, double onDemandUsd, Double commit1yUsd, LocalDate asOf,
                        String sourceUrl) {
    }

    /** @return the table shipped with mlwb */
    public static PriceTable builtin() {
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.csv")) {
            if (in == null) {
                throw new IllegalStateException("prices.csv is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in prices.csv");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in price table", e);
        }
    }

    /**
     * @param projectRoot a project's root
     * @return the project's own {@link #PROJECT_FILE} when it has one, else {@link #builtin()}
     */
    public static PriceTable forProject(Path projectRoot) {
        Path own = projectRoot.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(own)) {
            return builtin();
        }
        try {
            return parse(Files.readString(own), own.toString());
        } catch (IOException e) {
            throw new UserError("Cannot read the price table " + own + ": " + e.getMessage(),
                    "Check the file, or delete it to use the built-in table.", io.mlwb.core.error.ExitCode.BAD_INPUT,
                    e);
        }
    }

    /**
     * @param text   the CSV text (lines starting with # are comments)
     * @param source its name, for messages
     * @return the table
     * @throws UserError naming the line of a malformed row
     */
    public static PriceTable parse(String text, String source) {
        List<Price> rows = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new UserError(source + " line " + (i + 1) + " is not the price table's header.",
                            "The header is: " + HEADER);
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 11) {
                throw new UserError(source + " line " + (i + 1) + " has " + f.length + " fields, not 11.",
                        "Write: " + HEADER);
            }
            try {
                rows.add(new Price(f[0], f[1], f[2], f[3].isEmpty() ? 0 : Integer.parseInt(f[3]),
                        f[4].isEmpty() ? 0 : Double.parseDouble(f[4]), f[5], f[6], Double.parseDouble(f[7]),
                        f[8].isEmpty() ? null : Double.valueOf(f[8]), LocalDate.parse(f[9]), f[10]));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new UserError(source + " line " + (i + 1) + " has a malformed number or date: " + e.getMessage(),
                        "Prices are numbers (0.115), dates are YYYY-MM-DD.", io.mlwb.core.error.ExitCode.BAD_INPUT, e);
            }
        }
        return new PriceTable(source, rows);
    }

    /**
     * @param cloud        the price table's cloud column
     * @param instanceType an instance type
     * @return its row, if the table has it
     */
    public Optional<Price> find(String cloud, String instanceType) {
        return rows.stream().filter(p -> p.cloud().equals(cloud) && p.instanceType().equals(instanceType)).findFirst();
    }

    /**
     * @param cloud the price table's cloud column
     * @return its instance types (serverless excluded)
     */
    public List<Price> instances(String cloud) {
        return rows.stream().filter(p -> p.cloud().equals(cloud) && !p.kind().equals("serverless")).toList();
    }

    /**
     * @param cloud        the price table's cloud column
     * @param instanceType an instance type
     * @return its row
     * @throws UserError (exit 2) when the table does not have it, listing those it has
     */
    public Price require(String cloud, String instanceType) {
        return find(cloud, instanceType).orElseThrow(() -> new UserError("The instance type '" + instanceType
                + "' is not in the price table for " + cloud + " (" + source + ").",
                "Use one of: " + instances(cloud).stream().map(Price::instanceType).collect(Collectors.joining(", "))
                        + "; or add a row for it to " + PROJECT_FILE + "."));
    }
}
