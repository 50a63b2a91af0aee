package io.mlwb.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts {@link Settings} to and from a JSON tree. Reading is tolerant field by field: a missing field takes
 * its default silently, an invalid one takes its default and adds a warning, and unknown fields are ignored.
 * Writing sorts map keys so the file diffs cleanly.
 */
final class SettingsJson {
    /** Written to the file so a later version can migrate old files. */
    static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<String> warnings = new ArrayList<>();

    private SettingsJson() {
    }

    /**
     * @param root     the parsed file; must be an object
     * @param warnings receives one sentence per invalid field, naming it by its dotted path
     */
    static Settings read(ObjectNode root, List<String> warnings) {
        SettingsJson json = new SettingsJson();
        Settings settings = json.settings(root);
        warnings.addAll(json.warnings);
        return settings;
    }

    static ObjectNode write(Settings s) {
        ObjectNode root = NODES.objectNode();
        root.put("version", FORMAT_VERSION);
        ObjectNode appearance = root.putObject("appearance");
        appearance.put("theme", s.appearance().theme().name().toLowerCase(Locale.ROOT));
        appearance.put("fontSize", s.appearance().fontSize());
        var recent = root.putArray("recentProjects");
        s.recentProjects().paths().forEach(p -> recent.add(p.toString()));
        WindowLayout w = s.window();
        ObjectNode window = root.putObject("window");
        putCoordinate(window, "x", w.x());
        putCoordinate(window, "y", w.y());
        window.put("width", w.width());
        window.put("height", w.height());
        window.put("maximized", w.maximized());
        ObjectNode dividers = window.putObject("dividers");
        new TreeMap<>(w.dividers()).forEach(dividers::put);
        ObjectNode tools = window.putObject("toolWindowsVisible");
        new TreeMap<>(w.toolWindowsVisible()).forEach(tools::put);
        window.put("selectedBottomTool", w.selectedBottomTool());
        ObjectNode projects = root.putObject("projects");
        new TreeMap<>(s.projects()).forEach((key, session) -> {
            ObjectNode node = projects.putObject(key);
            var tabs = node.putArray("openTabs");
            session.openTabs().forEach(t -> tabs.addObject().put("kind", t.kind()).put("id", t.id()));
            node.put("selectedTab", session.selectedTab());
        });
        root.put("lastProject", s.lastProject() == null ? null : s.lastProject().toString());
        return root;
    }

    private static void putCoordinate(ObjectNode node, String name, double value) {
        // JSON has no NaN: "centre the window" is written as null
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private Settings settings(ObjectNode root) {
        Settings d = Settings.defaults();
        JsonNode version = root.get("version");
        if (version != null && version.canConvertToInt() && version.asInt() > FORMAT_VERSION) {
            warn("the file was written by a newer mlwb (format version " + version.asInt()
                    + "); fields this version does not know are ignored");
        }
        ObjectNode appearance = object(root, "appearance", "appearance");
        ObjectNode window = object(root, "window", "window");
        ObjectNode projects = object(root, "projects", "projects");
        return new Settings(
                appearance == null ? d.appearance() : appearance(appearance),
                recentProjects(root.get("recentProjects")),
                window == null ? d.window() : window(window),
                projects == null ? d.projects() : projects(projects),
                path(root.get("lastProject"), "lastProject"));
    }

    private AppearanceSettings appearance(ObjectNode node) {
        AppearanceSettings d = AppearanceSettings.defaults();
        Theme theme = d.theme();
        JsonNode t = node.get("theme");
        if (present(t)) {
            theme = switch (t.isTextual() ? t.asText().trim().toLowerCase(Locale.ROOT) : "") {
                case "light" -> Theme.LIGHT;
                case "dark" -> Theme.DARK;
                default -> {
                    warn("appearance.theme " + t + " is not \"light\" or \"dark\"; using \"light\"");
                    yield d.theme();
                }
            };
        }
        double fontSize = number(node, "fontSize", "appearance.fontSize", d.fontSize());
        if (fontSize < AppearanceSettings.MIN_FONT_SIZE || fontSize > AppearanceSettings.MAX_FONT_SIZE) {
            double clamped = new AppearanceSettings(theme, fontSize).fontSize();
            warn("appearance.fontSize " + format(fontSize) + " is outside " + format(AppearanceSettings.MIN_FONT_SIZE)
                    + ".." + format(AppearanceSettings.MAX_FONT_SIZE) + "; using " + format(clamped));
        }
        return new AppearanceSettings(theme, fontSize);
    }

    private RecentProjects recentProjects(JsonNode node) {
        if (!present(node)) {
            return RecentProjects.defaults();
        }
        if (!node.isArray()) {
            warn("recentProjects " + shortText(node) + " is not a list of folders; starting with an empty list");
            return RecentProjects.defaults();
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Path p = path(node.get(i), "recentProjects[" + i + "]");
            if (p != null) {
                paths.add(p);
            }
        }
        return new RecentProjects(paths);
    }

    private WindowLayout window(ObjectNode node) {
        WindowLayout d = WindowLayout.defaults();
        double x = coordinate(node, "x");
        double y = coordinate(node, "y");
        double width = size(node, "width", d.width());
        double height = size(node, "height", d.height());
        boolean maximized = d.maximized();
        JsonNode m = node.get("maximized");
        if (present(m)) {
            if (m.isBoolean()) {
                maximized = m.booleanValue();
            } else {
                warn("window.maximized " + shortText(m) + " is not true or false; using " + d.maximized());
            }
        }
        Map<String, Double> dividers = new LinkedHashMap<>();
        ObjectNode ds = object(node, "dividers", "window.dividers");
        if (ds != null) {
            for (Map.Entry<String, JsonNode> e : ds.properties()) {
                JsonNode v = e.getValue();
                if (v.isNumber() && v.doubleValue() >= 0 && v.doubleValue() <= 1) {
                    dividers.put(e.getKey(), v.doubleValue());
                } else {
                    warn("window.dividers." + e.getKey() + " " + shortText(v)
                            + " is not a number from 0 to 1; using the default position");
                }
            }
        }
        Map<String, Boolean> tools = new LinkedHashMap<>();
        ObjectNode ts = object(node, "toolWindowsVisible", "window.toolWindowsVisible");
        if (ts != null) {
            for (Map.Entry<String, JsonNode> e : ts.properties()) {
                if (e.getValue().isBoolean()) {
                    tools.put(e.getKey(), e.getValue().booleanValue());
                } else {
                    warn("window.toolWindowsVisible." + e.getKey() + " " + shortText(e.getValue())
                            + " is not true or false; using the default");
                }
            }
        }
        String bottom = d.selectedBottomTool();
        JsonNode b = node.get("selectedBottomTool");
        if (present(b)) {
            if (b.isTextual()) {
                bottom = b.asText();
            } else {
                warn("window.selectedBottomTool " + shortText(b) + " is not a tool name; using none");
            }
        }
        return new WindowLayout(x, y, width, height, maximized, dividers, tools, bottom);
    }

    private Map<String, ProjectSession> projects(ObjectNode node) {
        Map<String, ProjectSession> sessions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String where = "projects[\"" + e.getKey() + "\"]";
            if (!e.getValue().isObject()) {
                warn(where + " " + shortText(e.getValue()) + " is not an object; forgetting that project's tabs");
                continue;
            }
            ObjectNode s = (ObjectNode) e.getValue();
            List<TabRef> tabs = new ArrayList<>();
            JsonNode open = s.get("openTabs");
            if (present(open) && !open.isArray()) {
                warn(where + ".openTabs " + shortText(open) + " is not a list; reopening no tabs");
            } else if (present(open)) {
                for (int i = 0; i < open.size(); i++) {
                    JsonNode t = open.get(i);
                    JsonNode kind = t.get("kind");
                    JsonNode id = t.get("id");
                    if (kind != null && kind.isTextual() && !kind.asText().isBlank() && id != null && id.isTextual()) {
                        tabs.add(new TabRef(kind.asText(), id.asText()));
                    } else {
                        warn(where + ".openTabs[" + i + "] " + shortText(t)
                                + " needs a text \"kind\" and \"id\"; skipping that tab");
                    }
                }
            }
            // judge the index against the tabs as written, so a skipped tab does not add a second warning;
            // ProjectSession then clamps it to the tabs kept
            int written = present(open) && open.isArray() ? open.size() : 0;
            int selected = written == 0 ? -1 : 0;
            JsonNode sel = s.get("selectedTab");
            if (present(sel)) {
                if (sel.canConvertToInt() && sel.isIntegralNumber()
                        && (written == 0 ? sel.intValue() == -1 : sel.intValue() >= 0 && sel.intValue() < written)) {
                    selected = sel.intValue();
                } else {
                    warn(where + ".selectedTab " + shortText(sel) + " is not a tab index; using " + selected);
                }
            }
            sessions.put(e.getKey(), new ProjectSession(tabs, selected));
        }
        return sessions;
    }

    /** @return the object at {@code name}, or null (with a warning when it is there but not an object) */
    private ObjectNode object(ObjectNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        if (!present(n)) {
            return null;
        }
        if (!n.isObject()) {
            warn(where + " " + shortText(n) + " is not an object; using the defaults");
            return null;
        }
        return (ObjectNode) n;
    }

    private double number(ObjectNode parent, String name, String where, double fallback) {
        JsonNode n = parent.get(name);
        if (!present(n)) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            warn(where + " " + shortText(n) + " is not a number; using " + format(fallback));
            return fallback;
        }
        return n.doubleValue();
    }

    private double coordinate(ObjectNode parent, String name) {
        return number(parent, name, "window." + name, Double.NaN);
    }

    private double size(ObjectNode parent, String name, double fallback) {
        double v = number(parent, name, "window." + name, fallback);
        if (!(v > 0)) {
            warn("window." + name + " " + format(v) + " is not positive; using " + format(fallback));
            return fallback;
        }
        return v;
    }

    /** @return the absolute path in {@code n}, or null when absent, null or invalid (with a warning) */
    private Path path(JsonNode n, String where) {
        if (!present(n)) {
            return null;
        }
        if (n.isTextual()) {
            try {
                Path p = Path.of(n.asText());
                if (p.isAbsolute()) {
                    return p.normalize();
                }
            } catch (InvalidPathException e) {
                // reported below
            }
        }
        warn(where + " " + shortText(n) + " is not an absolute folder path; ignoring it");
        return null;
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    private static String shortText(JsonNode n) {
        String s = n.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "centred";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void warn(String message) {
        warnings.add(message);
    }
}
