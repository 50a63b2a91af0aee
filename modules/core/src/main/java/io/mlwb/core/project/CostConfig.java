package io.mlwb.core.project;

/**
 * The {@code cost:} section of mlwb.yaml: who pays for the project's training, what a device-hour is estimated to
 * cost, and the budget whose crossing is warned about.
 *
 * @param project    the project tag on every run (default: the project's name)
 * @param team       the team tag, or null
 * @param costCentre the cost-centre tag, or null
 * @param cpuHourUsd estimated USD per CPU device-hour, or null for the build's default
 * @param gpuHourUsd estimated USD per GPU device-hour, or null for the build's default
 * @param budgetUsd  the project's budget for the estimated spend of all its runs, or null for none
 */
public record CostConfig(String project, String team, String costCentre, Double cpuHourUsd, Double gpuHourUsd,
                         Double budgetUsd) {

    /** @return no tags, default rates, no budget */
    public static CostConfig none() {
        return new CostConfig(null, null, null, null, null, null);
    }
}
