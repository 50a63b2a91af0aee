package io.mlwb.training.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code nvidia-smi --query-gpu=... --format=csv,nounits} output (with its header line). Columns are found by
 * name, so extra or reordered fields are fine; units in the header ({@code memory.used [MiB]}) are dropped, and a
 * header name that differs from the query name ({@code clocks.current.sm}) does not matter for the fields read here.
 * {@code [N/A]}, {@code [Not Supported]}, {@code [Unknown Error]} and blanks read as missing; several GPUs give
 * several readings; Windows line endings and stray spaces are accepted. Lines that are not data (a repeated header
 * from {@code -l}, an error message) are skipped.
 */
public final class NvidiaSmiParser {
    private static final long MIB = 1L << 20;

    private NvidiaSmiParser() {
    }

    /**
     * @param csv the tool's output
     * @return one reading per GPU line, in order
     */
    public static List<GpuReading> parse(String csv) {
        List<GpuReading> out = new ArrayList<>();
        Map<String, Integer> cols = null;
        for (String raw : csv.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = split(line);
            if (cells.contains("index") || cells.stream().anyMatch(c -> c.startsWith("utilization.gpu")
                    || c.startsWith("memory.used"))) {
                cols = new HashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    String name = cells.get(i);
                    int bracket = name.indexOf(" [");
                    cols.put((bracket > 0 ? name.substring(0, bracket) : name).strip().toLowerCase(Locale.ROOT), i);
                }
                continue;
            }
            if (cols == null || cells.size() < cols.size()) {
                continue; // not a data line (an error message, a truncated line)
            }
            Map<String, Integer> c = cols;
            Integer index = intOf(cell(cells, c, "index"));
            if (index == null && !c.containsKey("index")) {
                index = out.size();
            }
            Double used = num(cell(cells, c, "memory.used"));
            Double total = num(cell(cells, c, "memory.total"));
            out.add(new GpuReading(index, text(cell(cells, c, "name")), text(cell(cells, c, "uuid")),
                    text(cell(cells, c, "driver_version")), num(cell(cells, c, "utilization.gpu")),
                    num(cell(cells, c, "utilization.memory")), used == null ? null : Math.round(used * MIB),
                    total == null ? null : Math.round(total * MIB), num(cell(cells, c, "temperature.gpu")),
                    num(cell(cells, c, "power.draw")), num(cell(cells, c, "power.limit"))));
        }
        return out;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.split(",", -1)) {
            out.add(s.strip());
        }
        return out;
    }

    private static String cell(List<String> cells, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }

    private static boolean missing(String s) {
        return s == null || s.isEmpty() || s.startsWith("[") || s.equalsIgnoreCase("N/A");
    }

    private static String text(String s) {
        return missing(s) ? null : s;
    }

    private static Double num(String s) {
        if (missing(s)) {
            return null;
        }
        String t = s.replaceAll("[^0-9.eE+-]", "");
        try {
            return t.isEmpty() ? null : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer intOf(String s) {
        Double d = num(s);
        return d == null ? null : (int) Math.round(d);
    }

    /**
     * @param plain the output of plain {@code nvidia-smi}
     * @return the CUDA version its header names, or null
     */
    public static String cudaVersion(String plain) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CUDA Version:\\s*([0-9.]+)").matcher(plain);
        return m.find() ? m.group(1) : null;
    }
}
