package io.mlwb.training.sweep;

import com.fasterxml.jackson.core.JsonToken;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ConfigError;
import io.mlwb.core.project.ConfigWarning;
import io.mlwb.core.project.KeySuggestions;
import io.mlwb.core.project.MetricMode;
import io.mlwb.core.project.YamlSection;
import io.mlwb.core.project.YamlTree;
import io.mlwb.core.project.YamlTree.Entry;
import io.mlwb.core.project.YamlTree.ListNode;
import io.mlwb.core.project.YamlTree.MapNode;
import io.mlwb.core.project.YamlTree.Mark;
import io.mlwb.core.project.YamlTree.Node;
import io.mlwb.core.project.YamlTree.ScalarNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a sweep file ({@code training/sweeps/*.yaml}, see docs/sweeps.md). Every error is a {@link ConfigError}
 * (a {@link UserError}, exit 2) whose message starts with {@code file:line:col:} and names the key path; unknown
 * keys become warnings with a "did you mean". Parameter keys are checked for shape only: the training spec loader
 * validates them when the overrides are applied. Stateless and thread-safe.
 */
public final class SweepSpecLoader {

    static final List<String> TOP_KEYS = List.of("spec", "metric", "mode", "sampler", "seed", "budget", "halving",
            "parameters");
    static final List<String> BUDGET_KEYS = List.of("runs", "minutes", "cost_usd");
    static final List<String> HALVING_KEYS = List.of("min_epochs", "reduction_factor");
    static final List<String> DISTRIBUTIONS = List.of("uniform", "log_uniform", "int_uniform", "choice", "grid");

    /** Default η of successive halving when {@code halving:} omits it. */
    public static final int DEFAULT_REDUCTION_FACTOR = 3;
    /** Default seed when the file has none. */
    public static final long DEFAULT_SEED = 0;

    private static final Pattern KEY_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Creates a loader. */
    public SweepSpecLoader() {
    }

    /**
     * Reads and validates a sweep file; {@code spec:} is resolved against the file's folder and must exist.
     *
     * @param file the sweep file; errors name it as given
     * @return the sweep and its warnings
     * @throws UserError when the file cannot be read or the sweep is invalid
     */
    public LoadedSweep load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("sweep file " + file + " does not exist",
                    "Check the path; sweeps live in the project's training/sweeps/ folder.");
        } catch (IOException e) {
            throw new UserError("cannot read sweep file " + file + ": " + e.getMessage(),
                    "Check the file exists and is readable.", ExitCode.BAD_INPUT, e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /**
     * Validates a sweep given as text.
     *
     * @param yaml              the sweep text
     * @param fileNameForErrors the name errors and warnings use
     * @param baseDir           the folder {@code spec:} is relative to
     * @return the sweep and its warnings
     * @throws ConfigError when the sweep is invalid or its base spec does not exist
     */
    public LoadedSweep parse(String yaml, String fileNameForErrors, Path baseDir) {
        return new Binder(fileNameForErrors, baseDir).bind(YamlTree.parse(yaml, fileNameForErrors));
    }

    /** Reads one file. */
    private static final class Binder {
        private final String file;
        private final Path baseDir;
        private final List<ConfigWarning> warnings = new ArrayList<>();

        Binder(String file, Path baseDir) {
            this.file = file;
            this.baseDir = baseDir;
        }

        LoadedSweep bind(Node root) {
            if (root == null) {
                throw error(new Mark(1, 1), "", "the sweep file is empty",
                        "Write at least `spec:`, `metric:` and `parameters:`; see docs/sweeps.md.");
            }
            if (!(root instanceof MapNode map)) {
                throw error(root.mark(), "", "the top level must be a mapping of keys such as `spec:` and "
                        + "`parameters:`, found " + found(root), "Write `key: value` lines starting in column 1.");
            }
            Section top = new Section(map, "", TOP_KEYS);
            Path baseSpec = baseSpec(top);
            String metric = top.requiredText("metric", "Name the metric to optimise, e.g. `metric: val_auc`.");
            MetricMode mode = top.choice("mode", MetricMode.class, guessMode(metric));
            SamplerKind sampler = top.choice("sampler", SamplerKind.class, SamplerKind.TPE);
            long seed = top.integer("seed", DEFAULT_SEED, 0, Long.MAX_VALUE);
            SweepSpec.Budget budget = budget(top.section("budget", BUDGET_KEYS));
            if (budget.isUnlimited() && sampler != SamplerKind.GRID) {
                throw error(top.value("budget") == null ? map.mark() : top.valueMark("budget"), "budget",
                        "a %s sweep never runs out of points, so it needs a budget".formatted(sampler.yamlName()),
                        "Add e.g. `budget: { runs: 20 }` (also `minutes:` and `cost_usd:`).");
            }
            SweepSpec.Halving halving = halving(top.section("halving", HALVING_KEYS));
            Map<String, Parameter> parameters = parameters(top, sampler);
            top.finish();
            warnings.sort(Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
            return new LoadedSweep(new SweepSpec(file, baseSpec, metric, mode, sampler, seed, budget, halving,
                    parameters), warnings);
        }

        private Path baseSpec(Section top) {
            String text = top.requiredText("spec", "Name the base training spec, e.g. `spec: ../mlp.yaml`.");
            Path resolved;
            try {
                resolved = baseDir.resolve(text).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw error(top.valueMark("spec"), "spec", "spec %s is not a valid path".formatted(quote(text)),
                        "Write a path relative to this sweep file, e.g. `spec: ../mlp.yaml`.");
            }
            if (!Files.isRegularFile(resolved)) {
                throw error(top.valueMark("spec"), "spec", "spec names %s, which does not exist (looked for %s)"
                        .formatted(quote(text), resolved), "The path is relative to the sweep file's folder.");
            }
            return resolved;
        }

        private SweepSpec.Budget budget(Section b) {
            if (b == null) {
                return SweepSpec.Budget.unlimited();
            }
            Integer runs = b.value("runs") == null ? null : (int) b.integer("runs", 1, 1, Integer.MAX_VALUE);
            Duration time = null;
            if (b.value("minutes") != null) {
                double minutes = b.positive("minutes");
                time = Duration.ofMillis(Math.max(1, Math.round(minutes * 60_000)));
            }
            Double cost = b.value("cost_usd") == null ? null : b.positive("cost_usd");
            b.finish();
            return new SweepSpec.Budget(runs, time, cost);
        }

        private SweepSpec.Halving halving(Section h) {
            if (h == null) {
                return null;
            }
            int min = (int) h.integer("min_epochs", 1, 1, Integer.MAX_VALUE);
            int eta = (int) h.integer("reduction_factor", DEFAULT_REDUCTION_FACTOR, 2, Integer.MAX_VALUE);
            h.finish();
            return new SweepSpec.Halving(min, eta);
        }

        private Map<String, Parameter> parameters(Section top, SamplerKind sampler) {
            Node n = top.value("parameters");
            String fix = "Add e.g. `parameters:` with `optimizer.learning_rate: { log_uniform: [0.0001, 0.01] }`.";
            if (n == null) {
                throw error(top.map.mark(), "parameters", "parameters is required but missing", fix);
            }
            if (!(n instanceof MapNode m) || m.entries().isEmpty()) {
                throw error(n.mark(), "parameters", "parameters must be a mapping of spec keys to ranges, found "
                        + found(n), fix);
            }
            Map<String, Parameter> result = new LinkedHashMap<>();
            for (Entry e : m.entries().values()) {
                String path = "parameters." + e.key();
                if (!KEY_PATH.matcher(e.key()).matches()) {
                    throw error(e.keyMark(), path, "parameter key %s must be a dotted path into the training spec"
                            .formatted(quote(e.key())), "Write e.g. `optimizer.learning_rate:` or `batch_size:`.");
                }
                Parameter p = parameter(e, path);
                if (sampler == SamplerKind.GRID && p.gridValues().isEmpty()) {
                    throw error(e.keyMark(), path, "%s is a continuous range, which a grid sweep cannot enumerate"
                            .formatted(path), "List the values with `choice: [...]` or `grid: [...]`, or use "
                            + "`sampler: random` or `sampler: tpe`.");
                }
                result.put(e.key(), p);
            }
            return result;
        }

        private Parameter parameter(Entry e, String path) {
            String fix = "Write one of `{ uniform: [low, high] }`, `{ log_uniform: [low, high] }`, "
                    + "`{ int_uniform: [low, high] }`, `{ choice: [a, b] }` or `{ grid: [a, b] }`.";
            if (!(e.value() instanceof MapNode m) || m.entries().size() != 1) {
                throw error(e.value().mark(), path, "%s must be a mapping with exactly one distribution, found %s"
                        .formatted(path, e.value() instanceof MapNode m2 ? m2.entries().size() + " keys"
                                : found(e.value())), fix);
            }
            Entry d = m.entries().values().iterator().next();
            String kind = d.key();
            String at = path + "." + kind;
            if (!DISTRIBUTIONS.contains(kind)) {
                String hint = KeySuggestions.closest(kind, DISTRIBUTIONS);
                throw error(d.keyMark(), at, "unknown distribution `%s`%s".formatted(kind,
                        hint == null ? "" : " (did you mean `" + hint + "`?)"), fix);
            }
            if (!(d.value() instanceof ListNode list)) {
                throw error(d.value().mark(), at, "%s must be a list, found %s".formatted(at, found(d.value())), fix);
            }
            if (kind.equals("choice") || kind.equals("grid")) {
                if (list.items().isEmpty()) {
                    throw error(list.mark(), at, at + " must list at least one value", fix);
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    values.add(value(list.items().get(i), at + "[" + i + "]"));
                }
                return new Parameter.Choice(values);
            }
            if (list.items().size() != 2) {
                throw error(list.mark(), at, "%s must be [low, high], found %d values".formatted(at,
                        list.items().size()), fix);
            }
            Node lowNode = list.items().get(0);
            Node highNode = list.items().get(1);
            if (kind.equals("int_uniform")) {
                Long low = lowNode instanceof ScalarNode s && s.token() == JsonToken.VALUE_NUMBER_INT
                        ? parseLong(s.text()) : null;
                Long high = highNode instanceof ScalarNode s && s.token() == JsonToken.VALUE_NUMBER_INT
                        ? parseLong(s.text()) : null;
                if (low == null || high == null) {
                    throw error(low == null ? lowNode.mark() : highNode.mark(), at,
                            "%s must be two whole numbers, found %s".formatted(at,
                                    found(low == null ? lowNode : highNode)),
                            "Write e.g. `int_uniform: [5, 30]`.");
                }
                if (low >= high) {
                    throw error(list.mark(), at, "%s needs low < high, found [%d, %d]".formatted(at, low, high),
                            "Swap the bounds or widen the range.");
                }
                return new Parameter.IntUniform(low, high);
            }
            Double low = lowNode instanceof ScalarNode s ? number(s) : null;
            Double high = highNode instanceof ScalarNode s ? number(s) : null;
            if (low == null || high == null) {
                throw error(low == null ? lowNode.mark() : highNode.mark(), at, "%s must be two numbers, found %s"
                        .formatted(at, found(low == null ? lowNode : highNode)),
                        "Write e.g. `%s: [0.0001, 0.01]`.".formatted(kind));
            }
            if (!(low < high)) {
                throw error(list.mark(), at, "%s needs low < high, found [%s, %s]".formatted(at, plain(low),
                        plain(high)), "Swap the bounds or widen the range.");
            }
            if (kind.equals("log_uniform")) {
                if (!(low > 0)) {
                    throw error(lowNode.mark(), at, "%s needs a low bound above 0, found %s".formatted(at,
                            plain(low)), "A log scale has no 0; use e.g. `[0.0001, 0.01]`, or `uniform:`.");
                }
                return new Parameter.LogUniform(low, high);
            }
            return new Parameter.Uniform(low, high);
        }

        /** One choice value as a Java object. */
        private Object value(Node n, String path) {
            if (n instanceof ListNode l) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    items.add(value(l.items().get(i), path + "[" + i + "]"));
                }
                return List.copyOf(items);
            }
            if (n instanceof MapNode m) {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (Entry e : m.entries().values()) {
                    entries.put(e.key(), value(e.value(), path + "." + e.key()));
                }
                return java.util.Collections.unmodifiableMap(entries);
            }
            ScalarNode s = (ScalarNode) n;
            if (s.token() == JsonToken.VALUE_NULL) {
                throw error(n.mark(), path, path + " is empty; a swept value must be set",
                        "Write a value, or remove the item.");
            }
            if (s.token() == JsonToken.VALUE_NUMBER_INT) {
                Long v = parseLong(s.text());
                if (v != null) {
                    return v;
                }
            }
            if (s.token() == JsonToken.VALUE_NUMBER_FLOAT || s.token() == JsonToken.VALUE_NUMBER_INT) {
                Double d = number(s);
                if (d == null) {
                    throw error(n.mark(), path, "%s is not a usable number: %s".formatted(path, s.text()),
                            "Write a finite number.");
                }
                return d;
            }
            if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) {
                return s.token() == JsonToken.VALUE_TRUE;
            }
            return s.text();
        }

        private static MetricMode guessMode(String metric) {
            String m = metric.toLowerCase(Locale.ROOT);
            return m.endsWith("loss") || m.endsWith("mse") || m.endsWith("rmse") || m.endsWith("mae")
                    || m.endsWith("brier") || m.endsWith("error") ? MetricMode.MIN : MetricMode.MAX;
        }

        private YamlSection.Sink sink() {
            return new YamlSection.Sink() {
                @Override
                public ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
                    return Binder.this.error(at, keyPath, what, whatToDo);
                }

                @Override
                public void warn(Mark at, String keyPath, String message, String suggestion) {
                    warnings.add(new ConfigWarning(file, at.line(), at.column(), keyPath, message, suggestion));
                }
            };
        }

        private ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
            return new ConfigError(file, at.line(), at.column(), keyPath, what, whatToDo, null);
        }

        /** One mapping under a key path. */
        private final class Section extends YamlSection {
            Section(MapNode map, String path, List<String> known) {
                super(sink(), map, path, known);
            }

            double positive(String key) {
                Node n = value(key);
                Double v = n instanceof ScalarNode s ? number(s) : null;
                if (v == null || !(v > 0)) {
                    throw error(valueMark(key), child(key), "%s must be a number above 0, found %s"
                            .formatted(child(key), n == null ? "nothing" : found(n)),
                            "Write e.g. `%s: 30`.".formatted(key));
                }
                return v;
            }

            Section section(String key, List<String> keys) {
                Node n = value(key);
                if (n == null) {
                    return null;
                }
                if (!(n instanceof MapNode m)) {
                    throw wrongType(key, n, "a mapping", "Write e.g. `%s: { %s: 3 }`.".formatted(key, keys.get(0)));
                }
                return new Section(m, child(key), keys);
            }

        }
    }

    // ---- value helpers -------------------------------------------------------------------------------------

    static String found(Node node) {
        return YamlSection.found(node);
    }

    static String quote(String text) {
        return YamlSection.quote(text);
    }

    static String plain(double d) {
        return YamlSection.plain(d);
    }

    static Double number(ScalarNode s) {
        if (s.token() == JsonToken.VALUE_NUMBER_INT) {
            Long l = parseLong(s.text());
            return l == null ? null : l.doubleValue();
        }
        if (s.token() == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                double d = Double.parseDouble(s.text().replace("_", ""));
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long parseLong(String text) {
        String t = text.replace("_", "");
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
