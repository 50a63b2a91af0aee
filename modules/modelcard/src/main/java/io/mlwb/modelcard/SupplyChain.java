package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.LicencePolicy;
import io.mlwb.core.project.LicencePolicy.Verdict;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.SpdxIds;
import io.mlwb.tracking.registry.ModelVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The supply chain of a registered model version: a CycloneDX 1.6 SBOM of what it needs at serving time (our serving
 * runtime, DJL and PyTorch, Jackson, SLF4J...), the model itself ({@code machine-learning-model}) and the data it was
 * trained on ({@code data}), each with its licence; and the check of those licences against mlwb.yaml's
 * {@code licences:} policy. The runtime's components are named in {@code serving-components.txt} and their versions
 * come from {@code serving-classpath.txt}, which the build writes (maven-dependency-plugin {@code list}), so the SBOM
 * reports what this build resolved, not versions typed by hand.
 */
public final class SupplyChain {
    /** The CycloneDX specification version written. */
    public static final Version SPEC = Version.VERSION_16;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Project project;

    /** @param project the project (datasets' licences, the licence policy, the model's licence) */
    public SupplyChain(Project project) {
        this.project = Objects.requireNonNull(project, "project");
    }

    /**
     * One artifact of the serving runtime.
     *
     * @param group      Maven groupId
     * @param artifact   Maven artifactId
     * @param version    the version this build resolved
     * @param classifier the jar's classifier (the PyTorch native's platform), or null
     * @param licence    SPDX id, or null for our own modules (no licence declared for mlwb itself)
     * @param note       what it is for, or null
     */
    public record Library(String group, String artifact, String version, String classifier, String licence,
                          String note) {
        /** @return its package URL, {@code pkg:maven/G/A@V[?classifier=C]} */
        public String purl() {
            return "pkg:maven/" + group + "/" + artifact + "@" + version + (classifier == null ? ""
                    : "?classifier=" + classifier + "&type=jar");
        }

        /** @return whether it is one of mlwb's own modules */
        public boolean firstParty() {
            return group.equals("io.mlwb");
        }
    }

    /**
     * @return the serving runtime's artifacts with the versions this build resolved, in the order
     *         {@code serving-components.txt} names them; those the build did not resolve (a module not built yet) are
     *         left out
     */
    public static List<Library> servingRuntime() {
        Properties build = new Properties();
        try (InputStream in = resource("sbom-build.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String[]> resolved = new LinkedHashMap<>();
        for (String line : lines("serving-classpath.txt")) {
            // "   group:artifact:type[:classifier]:version:scope -- module ..."
            String t = line.strip();
            int cut = t.indexOf(' ');
            String[] p = (cut < 0 ? t : t.substring(0, cut)).split(":");
            if (p.length == 5) {
                resolved.put(p[0] + ":" + p[1], new String[] {p[3], null});
            } else if (p.length == 6) {
                resolved.put(p[0] + ":" + p[1], new String[] {p[4], p[3]});
            }
        }
        String flavor = build.getProperty("pytorch.flavor", "cpu");
        String ours = build.getProperty("mlwb.version");
        List<Library> out = new ArrayList<>();
        for (String line : lines("serving-components.txt")) {
            String[] f = line.strip().split("\\s+", 3);
            String ga = f[0].replace("${flavor}", flavor);
            String[] at = resolved.get(ga);
            if (at == null) {
                continue;
            }
            String[] g = ga.split(":");
            String licence = f.length < 2 || f[1].equals("-") ? null : f[1];
            String version = g[0].equals("io.mlwb") && ours != null ? ours : at[0];
            out.add(new Library(g[0], g[1], version, at[1], licence, f.length < 3 ? null : f[2]));
        }
        return out;
    }

    /**
     * One component of the SBOM as the licence check sees it.
     *
     * @param kind     library, machine-learning-model or data
     * @param name     {@code group:artifact} for a library, the model or dataset's name otherwise
     * @param version  its version
     * @param purl     its package URL, or null for data
     * @param licence  the licence declared (SPDX id, or the text written when it is not one), or null
     */
    public record Item(String kind, String name, String version, String purl, String licence) {
    }

    /**
     * An SBOM.
     *
     * @param model the version it describes ({@code NAME@VERSION})
     * @param json  the CycloneDX JSON
     * @param items its components (the model first), for the licence check
     */
    public record Sbom(String model, String json, List<Item> items) {
        /** Copies the list. */
        public Sbom {
            items = List.copyOf(items);
        }
    }

    /**
     * Builds the SBOM of a version: metadata (timestamp, the tool, the model as the subject), then the serving runtime's
     * libraries, then the datasets the version's run read (every declared dataset when the run recorded none), each
     * dataset with the licence mlwb.yaml declares for it ({@code datasets[].license}).
     *
     * @param v the registered version
     * @return the SBOM
     */
    public Sbom sbom(ModelVersion v) {
        List<Item> items = new ArrayList<>();
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata meta = new Metadata();
        meta.setTimestamp(new Date());
        List<Library> runtime = servingRuntime();
        String ours = runtime.stream().filter(Library::firstParty).map(Library::version).findFirst().orElse(null);
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("mlwb");
        tool.setVersion(ours);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        meta.setToolChoice(tools);

        Component model = new Component();
        model.setType(Component.Type.MACHINE_LEARNING_MODEL);
        model.setBomRef("model:" + v.ref());
        model.setName(v.model());
        model.setVersion(Integer.toString(v.version()));
        model.setDescription(v.description());
        String modelLicence = project.config().modelCard().license();
        String modelSpdx = modelLicence == null ? null : SpdxIds.canonical(modelLicence).orElse(modelLicence);
        model.setLicenses(licence(modelSpdx));
        List<Property> props = new ArrayList<>();
        if (v.runId() != null) {
            props.add(new Property("mlwb:run", Long.toString(v.runId())));
        }
        if (v.commitSha() != null) {
            props.add(new Property("mlwb:commit", v.commitSha()));
        }
        props.add(new Property("mlwb:stage", v.stage()));
        model.setProperties(props);
        String hash = artifactHash(v);
        if (hash != null) {
            model.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, hash)));
        }
        meta.setComponent(model);
        bom.setMetadata(meta);
        items.add(new Item("machine-learning-model", v.model(), Integer.toString(v.version()), null, modelSpdx));

        List<Component> components = new ArrayList<>();
        Dependency modelDeps = new Dependency(model.getBomRef());
        for (Library lib : runtime) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            c.setGroup(lib.group());
            c.setName(lib.artifact());
            c.setVersion(lib.version());
            c.setPurl(lib.purl());
            c.setBomRef(lib.purl());
            c.setScope(Component.Scope.REQUIRED);
            c.setDescription(lib.note());
            c.setLicenses(licence(lib.licence()));
            components.add(c);
            modelDeps.addDependency(new Dependency(c.getBomRef()));
            items.add(new Item("library", lib.group() + ":" + lib.artifact(), lib.version(), lib.purl(),
                    lib.firstParty() ? "-" : lib.licence()));
        }
        for (Map.Entry<String, String> d : datasets(v).entrySet()) {
            DatasetConfig cfg = project.config().dataset(d.getKey()).orElse(null);
            Component c = new Component();
            c.setType(Component.Type.DATA);
            c.setName(d.getKey());
            c.setVersion(d.getValue());
            c.setBomRef("data:" + d.getKey() + (d.getValue() == null ? "" : "@" + d.getValue()));
            String lic = cfg == null ? null : cfg.license();
            c.setLicenses(licence(lic));
            List<Property> dp = new ArrayList<>();
            if (cfg != null) {
                dp.add(new Property("mlwb:path", cfg.path()));
                dp.add(new Property("mlwb:personal_data", Boolean.toString(cfg.personalData())));
            }
            c.setProperties(dp);
            components.add(c);
            modelDeps.addDependency(new Dependency(c.getBomRef()));
            items.add(new Item("data", d.getKey(), d.getValue(), null, lic));
        }
        bom.setComponents(components);
        List<Dependency> deps = new ArrayList<>();
        deps.add(modelDeps);
        components.forEach(c -> deps.add(new Dependency(c.getBomRef())));
        bom.setDependencies(deps);
        String json;
        try {
            json = BomGeneratorFactory.createJson(SPEC, bom).toJsonString() + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("CycloneDX could not write a BOM we built: " + e.getMessage(), e);
        }
        return new Sbom(v.ref(), json, items);
    }

    /** The datasets of the version's run (name → version), else every declared dataset (version unknown). */
    private Map<String, String> datasets(ModelVersion v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ModelVersion.DatasetUse u : v.datasets()) {
            out.putIfAbsent(u.dataset(), Integer.toString(u.version()));
        }
        if (out.isEmpty()) {
            project.config().datasets().forEach(d -> out.put(d.name(), null));
        }
        return out;
    }

    private String artifactHash(ModelVersion v) {
        if (v.artifactPath() == null) {
            return null;
        }
        Path file = project.root().resolve(v.artifactPath());
        try {
            return Files.isRegularFile(file) ? HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(Files.readAllBytes(file))) : null;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static LicenseChoice licence(String id) {
        if (id == null) {
            return null;
        }
        License l = new License();
        if (SpdxIds.known(id) && !id.startsWith("LicenseRef-")) {
            l.setId(SpdxIds.canonical(id).orElse(id));
        } else {
            l.setName(id);
        }
        LicenseChoice c = new LicenseChoice();
        c.setLicenses(List.of(l));
        return c;
    }

    /**
     * One component's licence under the policy.
     *
     * @param kind    library or data
     * @param name    the component
     * @param version its version, or null
     * @param licence the licence declared, or null
     * @param verdict allowed, review, denied or unknown
     */
    public record Finding(String kind, String name, String version, String licence, Verdict verdict) {
    }

    /**
     * The licence check of one version.
     *
     * @param model    {@code NAME@VERSION}
     * @param policy   the policy applied
     * @param findings one per checked component (libraries and data; our own modules and the model are not checked)
     */
    public record LicenceCheck(String model, LicencePolicy policy, List<Finding> findings) {
        /** Copies the list. */
        public LicenceCheck {
            findings = List.copyOf(findings);
        }

        /** @return the findings with this verdict */
        public List<Finding> with(Verdict verdict) {
            return findings.stream().filter(f -> f.verdict() == verdict).toList();
        }

        /** @return whether a denied licence is present */
        public boolean denied() {
            return !with(Verdict.DENIED).isEmpty();
        }

        /** @return the JSON of {@code mlwb card licences --json} and of {@code licence-check.json} in a bundle */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("declared", !policy.isEmpty());
            p.put("allowed", policy.allowed());
            p.put("review", policy.review());
            p.put("denied", policy.denied());
            m.put("policy", p);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                counts.put(v.jsonName(), with(v).size());
            }
            m.put("counts", counts);
            m.put("components", findings.stream().map(f -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("kind", f.kind());
                x.put("name", f.name());
                x.put("version", f.version());
                x.put("licence", f.licence());
                x.put("verdict", f.verdict().jsonName());
                return x;
            }).toList());
            m.put("ok", !denied());
            return m;
        }

        /** @return {@link #toJson()} as indented JSON */
        public String json() {
            try {
                return JSON.writeValueAsString(toJson()) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the Markdown of the card's licence-review block */
        public String markdown() {
            StringBuilder sb = new StringBuilder();
            if (policy.isEmpty()) {
                sb.append("No licence policy in mlwb.yaml (`licences: {allowed, review, denied}`): every licence below "
                        + "is unknown to it.\n\n");
            } else {
                sb.append(String.format(Locale.ROOT, "Checked against mlwb.yaml `licences:` — %d allowed, %d need "
                        + "review, %d denied, %d unknown.%n%n", with(Verdict.ALLOWED).size(),
                        with(Verdict.REVIEW).size(), with(Verdict.DENIED).size(), with(Verdict.UNKNOWN).size()));
            }
            sb.append("| Component | Kind | Version | Licence | Verdict |\n|---|---|---|---|---|\n");
            for (Finding f : findings) {
                sb.append("| ").append(f.name()).append(" | ").append(f.kind()).append(" | ")
                        .append(f.version() == null ? "" : f.version()).append(" | ")
                        .append(f.licence() == null ? "none declared" : f.licence()).append(" | ")
                        .append(f.verdict() == Verdict.DENIED ? "**denied**" : f.verdict().jsonName()).append(" |\n");
            }
            if (denied()) {
                sb.append("\n**Denied licences are present**: ").append(String.join(", ", with(Verdict.DENIED).stream()
                        .map(Finding::name).toList())).append(". The model must not ship with them.\n");
            }
            sb.append("\nThe full list with package URLs: `mlwb card sbom ").append(model.substring(0,
                    model.indexOf('@'))).append("`.\n");
            return sb.toString();
        }
    }

    /**
     * Checks every library and dataset of an SBOM against the project's licence policy.
     *
     * @param sbom the SBOM
     * @return the verdict of each
     */
    public LicenceCheck check(Sbom sbom) {
        LicencePolicy policy = project.config().governance().licences();
        List<Finding> findings = new ArrayList<>();
        for (Item i : sbom.items()) {
            if (i.kind().equals("machine-learning-model") || "-".equals(i.licence())) {
                continue; // the model's own licence is what it is released under; our modules are ours
            }
            findings.add(new Finding(i.kind(), i.name(), i.version(), i.licence(), policy.verdict(i.licence())));
        }
        return new LicenceCheck(sbom.model(), policy, findings);
    }

    /**
     * @param json an SBOM's JSON
     * @return it parsed, for tests and tools
     * @throws IOException when it is not JSON
     */
    static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static InputStream resource(String name) {
        InputStream in = SupplyChain.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the build (modules/modelcard's resources)");
        }
        return in;
    }

    private static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
