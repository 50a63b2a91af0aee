package io.mlwb.core.project;

/**
 * What mlwb.yaml says for governance besides the model card settings: the licence policy ({@code licences:}), what
 * the models are for ({@code intended_use:}, {@code domain:}), which the risk-tier suggestion reads, and whether
 * {@code risk_tier:} was written at all (so a suggestion can fill in for a tier nobody chose).
 *
 * @param licences         the licence policy, {@link LicencePolicy#none()} when absent
 * @param intendedUse      free text: what the models are for and who uses them, or null
 * @param domain           the field they are used in (e.g. {@code lending}, {@code healthcare}), or null
 * @param riskTierDeclared whether {@code risk_tier:} is in the file (else the tier is the default, medium)
 */
public record GovernanceConfig(LicencePolicy licences, String intendedUse, String domain, boolean riskTierDeclared) {

    /** Fills an absent policy. */
    public GovernanceConfig {
        licences = licences == null ? LicencePolicy.none() : licences;
    }

    /** @return the settings of a file that says nothing about governance (the tier counts as declared) */
    public static GovernanceConfig defaults() {
        return new GovernanceConfig(LicencePolicy.none(), null, null, true);
    }
}
