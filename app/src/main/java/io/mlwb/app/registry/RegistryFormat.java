package io.mlwb.app.registry;

import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the registry pane writes costs, times, aliases and versions (the same way as {@code mlwb models}). */
final class RegistryFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private RegistryFormat() {
    }

    /**
     * @param usd an estimated cost, or null
     * @return {@code $0.42}; a sub-cent cost with two significant digits ({@code $0.0031}); "" when unknown
     */
    static String money(Double usd) {
        if (usd == null) {
            return "";
        }
        if (usd >= 0.01 || usd <= 0) {
            return "$" + String.format(Locale.ROOT, "%.2f", usd);
        }
        // a CPU run of a minute costs a fraction of a cent: its first two digits say more than $0.00 (and than 4.5e-05)
        return "$" + new BigDecimal(usd).round(new MathContext(2, RoundingMode.HALF_UP)).toPlainString();
    }

    /** @return the version's cost, with its sweep's when it has one: {@code $0.012 (sweep $0.31)} */
    static String cost(ModelVersion v) {
        String own = money(v.costUsd());
        if (v.sweepCostUsd() == null) {
            return own;
        }
        return Messages.format("registry.cost.withSweep", own.isEmpty() ? "?" : own, money(v.sweepCostUsd()));
    }

    /** @return {@code 2024-05-01 14:03} in the local zone */
    static String time(long ms) {
        return TIME.format(Instant.ofEpochMilli(ms));
    }

    /** @return {@code champion→3 challenger→2}, or "" */
    static String aliases(RegisteredModel m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : m.aliases().entrySet()) {
            parts.add(e.getKey() + " → v" + e.getValue());
        }
        return String.join(", ", parts);
    }

    /** @return {@code v3} */
    static String version(int version) {
        return "v" + version;
    }

    /** @return the run cell: {@code #12 baseline}, or a note that the run is gone */
    static String run(ModelVersion v) {
        if (v.runId() == null) {
            return Messages.get("registry.run.gone");
        }
        return "#" + v.runId() + (v.runName() == null ? "" : " " + v.runName());
    }
}
