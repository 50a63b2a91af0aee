package io.mlwb.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]} output. With a header line, columns
 * are found by name, so extra or reordered fields ({@code timestamp}, {@code clocks.current.sm}) are fine and units
 * in the header ({@code memory.used [MiB]}) are dropped; without one the columns are those of
 * {@link NvidiaSmi#QUERY}, in order. {@code [N/A]}, {@code [Not Supported]}, {@code [Unknown Error]} and blanks read
 * as missing (null); units left in values ({@code 1139 MiB}, {@code 78.81 W}) are dropped; several GPUs give several
 * readings; Windows line endings and stray spaces are accepted. Lines that are not data (a repeated header from
 * {@code -l}, an error message, a line with too few cells, a line without an index) are skipped. Stateless.
 */
public final class NvidiaSmiParser {
    private static final long MIB = 1L << 20;
    private static final Set<String> KNOWN = Set.of("index", "name", "uuid", "driver_version", "utilization.gpu",
            "utilization.memory", "memory.used", "memory.total", "temperature.gpu", "power.draw", "power.limit",
            "timestamp", "pci.bus_id", "pstate");
    private static final Pattern CUDA = Pattern.compile("CUDA Version\\s*:\\s*([0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?");

    private NvidiaSmiParser() {
    }

    /**
     * @param csv the tool's output, with or without its header line
     * @return one reading per GPU line, in order; empty when there is none
     */
    public static List<GpuReading> parse(String csv) {
        List<GpuReading> out = new ArrayList<>();
        Map<String, Integer> cols = null;
        for (String raw : csv.split("\r\n|\r|\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = split(line);
            if (isHeader(cells)) {
                cols = new HashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    cols.putIfAbsent(columnName(cells.get(i)), i);
                }
                continue;
            }
            Map<String, Integer> c = cols != null ? cols : queryColumns();
            if (cells.size() < c.size()) {
                continue; // not a data line (an error message, a truncated line)
            }
            GpuReading r = reading(cells, c, out.size());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static GpuReading reading(List<String> cells, Map<String, Integer> c, int position) {
        Integer index;
        if (c.containsKey("index")) {
            index = intOf(cell(cells, c, "index"));
            if (index == null) {
                return null; // every GPU line has an index: this one is not a GPU line
            }
        } else {
            index = position;
        }
        Double used = num(cell(cells, c, "memory.used"));
        Double total = num(cell(cells, c, "memory.total"));
        return new GpuReading(index, text(cell(cells, c, "name")), text(cell(cells, c, "uuid")),
                text(cell(cells, c, "driver_version")), num(cell(cells, c, "utilization.gpu")),
                num(cell(cells, c, "utilization.memory")), used == null ? null : Math.round(used * MIB),
                total == null ? null : Math.round(total * MIB), num(cell(cells, c, "temperature.gpu")),
                num(cell(cells, c, "power.draw")), num(cell(cells, c, "power.limit")));
    }

    private static Map<String, Integer> queryColumns() {
        Map<String, Integer> cols = new HashMap<>();
        String[] fields = NvidiaSmi.QUERY.split(",");
        for (int i = 0; i < fields.length; i++) {
            cols.put(fields[i], i);
        }
        return cols;
    }

    private static boolean isHeader(List<String> cells) {
        return cells.stream().map(NvidiaSmiParser::columnName).anyMatch(KNOWN::contains);
    }

    private static String columnName(String cell) {
        int bracket = cell.indexOf('[');
        return (bracket > 0 ? cell.substring(0, bracket) : cell).strip().toLowerCase(Locale.ROOT);
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
        Matcher m = NUMBER.matcher(s);
        if (!m.lookingAt()) {
            return null;
        }
        double d = Double.parseDouble(m.group());
        return Double.isFinite(d) ? d : null;
    }

    private static Integer intOf(String s) {
        Double d = num(s);
        return d == null || d != Math.rint(d) ? null : (int) Math.round(d);
    }

    /**
     * @param plain the output of plain {@code nvidia-smi} ("CUDA Version: 13.0" in its header) or of
     *              {@code nvidia-smi -q} ("CUDA Version : 13.0")
     * @return the CUDA version the driver supports, or null when the output names none
     */
    public static String cudaVersion(String plain) {
        Matcher m = CUDA.matcher(plain == null ? "" : plain);
        return m.find() ? m.group(1) : null;
    }
}
