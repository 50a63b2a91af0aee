package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample project {@code sample-projects/credit-risk}: its mlwb.yaml, its data and its generator. */
class SampleProjectTest {

    /** The columns documented in the sample's README, in file order. */
    static final List<String> COLUMNS = List.of("application_id", "application_date", "age", "age_band", "sex",
            "region", "employment_status", "employment_years", "annual_income", "home_ownership", "purpose", "channel",
            "loan_amount", "loan_term_months", "interest_rate", "credit_score", "debt_to_income", "num_open_accounts",
            "num_delinquencies_2y", "num_credit_inquiries_6m", "has_coapplicant", "notes", "defaulted");

    static final String NEW_CHANNEL = "bnpl_partner";

    static Path sample;

    @BeforeAll
    static void findSample() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sample-projects"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no sample-projects folder above " + Path.of("").toAbsolutePath());
        sample = dir.resolve("sample-projects/credit-risk");
    }

    @Test
    void configLoadsWithoutWarnings() {
        Project p = Project.load(sample);
        assertEquals(List.of(), p.warnings());
        ProjectConfig c = p.config();
        assertEquals("credit-risk", c.name());
        assertEquals(RiskTier.HIGH, c.riskTier());
        assertEquals(List.of("applications_2023", "applications_2024q1"),
                c.datasets().stream().map(DatasetConfig::name).toList());
        for (DatasetConfig d : c.datasets()) {
            assertTrue(Files.isRegularFile(p.resolve(d)), d.path());
            assertEquals("defaulted", d.target());
            assertEquals("application_date", d.timeColumn());
            assertEquals("application_id", d.idColumn());
            assertEquals(List.of("age_band", "sex"), d.sensitiveAttributes());
        }
        assertEquals(SplitStrategy.TIME, c.training().split().strategy());
        assertEquals(2, c.modelCard().approvers().size());
        assertFalse(c.deployment().targets().isEmpty());
    }

    @Test
    void data2023HasEnoughRowsTheDocumentedColumnsAndARealisticDefaultRate() throws IOException {
        List<List<String>> rows = read(sample.resolve("data/applications_2023.csv"));
        assertEquals(COLUMNS, rows.get(0));
        List<List<String>> data = rows.subList(1, rows.size());
        assertTrue(data.size() >= 20_000, "rows: " + data.size());
        int target = COLUMNS.indexOf("defaulted");
        int id = COLUMNS.indexOf("application_id");
        long defaults = 0;
        Set<String> ids = new HashSet<>();
        for (List<String> r : data) {
            assertEquals(COLUMNS.size(), r.size(), r.toString());
            assertTrue(r.get(target).equals("0") || r.get(target).equals("1"), r.toString());
            defaults += r.get(target).equals("1") ? 1 : 0;
            assertTrue(ids.add(r.get(id)), "duplicate id " + r.get(id));
        }
        double rate = (double) defaults / data.size();
        assertTrue(rate >= 0.05 && rate <= 0.10, "default rate " + rate);
    }

    @Test
    void onlyTheLaterPeriodHasTheNewChannel() throws IOException {
        int channel = COLUMNS.indexOf("channel");
        List<List<String>> early = read(sample.resolve("data/applications_2023.csv"));
        List<List<String>> late = read(sample.resolve("data/applications_2024q1.csv"));
        assertEquals(COLUMNS, late.get(0));
        assertTrue(late.size() - 1 >= 5_000, "2024q1 rows: " + (late.size() - 1));
        assertFalse(early.stream().skip(1).anyMatch(r -> r.get(channel).equals(NEW_CHANNEL)));
        assertTrue(late.stream().skip(1).anyMatch(r -> r.get(channel).equals(NEW_CHANNEL)));
    }

    @Test
    void generatorIsDeterministic(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path generator = sample.resolve("generator/GenerateCreditRisk.java");
        Process proc = new ProcessBuilder(java.toString(), generator.toString(), tmp.toString())
                .redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(180, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, proc.exitValue(), output);
        for (String f : List.of("applications_2023.csv", "applications_2024q1.csv")) {
            assertArrayEquals(Files.readAllBytes(sample.resolve("data").resolve(f)), Files.readAllBytes(tmp.resolve(f)),
                    f + " differs from the committed file; rerun the generator and commit its output");
        }
    }

    /** Reads a CSV file whose quoted cells may hold commas and doubled quotes (no line breaks inside cells). */
    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(split(line));
            }
        }
        return rows;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
