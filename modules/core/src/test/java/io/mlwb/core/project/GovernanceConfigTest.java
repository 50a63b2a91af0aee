package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mlwb.yaml's governance keys: licence policy, dataset licences and personal data, intended use and domain. */
class GovernanceConfigTest {
    private final ProjectConfigLoader loader = new ProjectConfigLoader();

    private static final String FULL = """
            name: credit
            domain: consumer lending
            intended_use: Pre-screening of loan applications by underwriters.
            licences:
              allowed: [Apache-2.0, mit]
              review: [CC-BY-4.0]
              denied: [AGPL-3.0-only]
            datasets:
              - name: applicants
                path: data/applicants.csv
                license: CC-BY-4.0
                personal_data: true
                subject_id_column: applicant_id
              - name: rates
                path: data/rates.csv
            """;

    @Test
    void readsThePolicyTheDatasetsAndWhatTheModelIsFor() {
        LoadedConfig loaded = loader.parse(FULL, "mlwb.yaml");
        assertEquals(List.of(), loaded.warnings());
        ProjectConfig c = loaded.config();
        LicencePolicy policy = c.governance().licences();
        assertEquals(List.of("Apache-2.0", "MIT"), policy.allowed(), "ids take SPDX's spelling");
        assertEquals(LicencePolicy.Verdict.ALLOWED, policy.verdict("apache-2.0"));
        assertEquals(LicencePolicy.Verdict.REVIEW, policy.verdict("CC-BY-4.0"));
        assertEquals(LicencePolicy.Verdict.DENIED, policy.verdict("AGPL-3.0-only"));
        assertEquals(LicencePolicy.Verdict.UNKNOWN, policy.verdict("BSD-3-Clause"));
        assertEquals(LicencePolicy.Verdict.UNKNOWN, policy.verdict(null));
        assertEquals("consumer lending", c.governance().domain());
        assertFalse(c.governance().riskTierDeclared(), "no risk_tier: written");
        DatasetConfig applicants = c.dataset("applicants").orElseThrow();
        assertEquals("CC-BY-4.0", applicants.license());
        assertTrue(applicants.personalData());
        assertEquals("applicant_id", applicants.subjectColumn());
        DatasetConfig rates = c.dataset("rates").orElseThrow();
        assertFalse(rates.personalData());
        assertNull(rates.license());
        // written back and read again: the same configuration
        assertEquals(c, loader.parse(loader.toYaml(c), "again.yaml").config());
    }

    @Test
    void anUnknownLicenceIdIsAWarningNamingItWithTheIdMeant() {
        LoadedConfig loaded = loader.parse("name: x\nlicences:\n  allowed: [Apache2, MIT]\ndatasets:\n  - name: d\n"
                + "    path: d.csv\n    license: CC-BY-4\n", "mlwb.yaml");
        assertEquals(2, loaded.warnings().size(), loaded.warnings().toString());
        ConfigWarning first = loaded.warnings().get(0);
        assertEquals(3, first.line());
        assertTrue(first.message().contains("\"Apache2\" is not an SPDX licence id"), first.message());
        assertEquals("licences.allowed[0]", first.keyPath());
        assertEquals("Apache-2.0", first.suggestion());
        assertEquals("datasets[0].license", loaded.warnings().get(1).keyPath());
        assertEquals("Apache2", loaded.config().governance().licences().allowed().get(0), "kept as written");
    }

    @Test
    void aMalformedPolicyIsAnErrorNamingTheKeyAndLine() {
        ConfigError notAMap = assertThrows(ConfigError.class, () -> loader.parse("name: x\nlicences: MIT\n",
                "mlwb.yaml"));
        assertTrue(notAMap.getMessage().startsWith("mlwb.yaml:2:"), notAMap.getMessage());
        assertTrue(notAMap.getMessage().contains("licences must be a mapping"), notAMap.getMessage());
        ConfigError notAList = assertThrows(ConfigError.class, () -> loader.parse("name: x\nlicences:\n"
                + "  denied: GPL-3.0-only\n", "mlwb.yaml"));
        assertTrue(notAList.getMessage().startsWith("mlwb.yaml:3:"), notAList.getMessage());
        assertTrue(notAList.getMessage().contains("licences.denied must be a list"), notAList.getMessage());
        ConfigError twice = assertThrows(ConfigError.class, () -> loader.parse("name: x\nlicences:\n"
                + "  allowed: [MIT]\n  denied: [mit]\n", "mlwb.yaml"));
        assertTrue(twice.getMessage().contains("licence \"MIT\" is listed twice"), twice.getMessage());
        ConfigError personal = assertThrows(ConfigError.class, () -> loader.parse("name: x\ndatasets:\n"
                + "  - name: d\n    path: d.csv\n    personal_data: \"maybe\"\n", "mlwb.yaml"));
        assertTrue(personal.getMessage().startsWith("mlwb.yaml:5:"), personal.getMessage());
        assertTrue(personal.getMessage().contains("datasets[0].personal_data must be true or false"),
                personal.getMessage());
        LoadedConfig typo = loader.parse("name: x\nlicences:\n  alowed: [MIT]\n", "mlwb.yaml");
        assertEquals("allowed", typo.warnings().get(0).suggestion());
    }

    @Test
    void theBundledSpdxListKnowsCommonIdsAndLicenseRefs() {
        assertEquals("Apache-2.0", SpdxIds.canonical("APACHE-2.0").orElseThrow());
        assertTrue(SpdxIds.known("BSD-3-Clause"));
        assertTrue(SpdxIds.known("LicenseRef-internal-data"));
        assertFalse(SpdxIds.known("Apache2"));
        assertTrue(SpdxIds.all().size() > 600);
    }
}
