package io.mlwb.deploy;

import io.mlwb.core.error.UserError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Cost per 1,000 predictions and per month from a measured throughput, for every instance type of the price table
 * (or one cloud's), the cheapest that meets a latency target, and SageMaker serverless against always-on instances.
 * Pure: no I/O; the assumptions it makes are returned with every estimate.
 */
public final class CostEstimator {
    /** Hours in a month, as the clouds bill them. */
    public static final double HOURS_PER_MONTH = 730;
    private final PriceTable prices;

    /** @param prices the price table */
    public CostEstimator(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /**
     * What to estimate.
     *
     * @param throughputRps   predictions per second measured on one server (smoke test or benchmark)
     * @param measuredCores   the cores of the machine it was measured on
     * @param trafficPerMonth predictions per month
     * @param latencyTargetMs the p99 latency to meet, or null for none
     * @param measuredP99Ms   p99 latency measured at low load, or null to assume ln(100) service times
     * @param peakFactor      peak traffic over the month's average (3 = the busiest hour is three times the mean)
     * @param minReplicas     the fewest instances an always-on option keeps
     * @param cloud           the price table's cloud column to restrict to, or null for all
     * @param serverlessMemoryMb SageMaker serverless memory for the serverless comparison
     */
    public record Query(double throughputRps, int measuredCores, double trafficPerMonth, Double latencyTargetMs,
                        Double measuredP99Ms, double peakFactor, int minReplicas, String cloud,
                        int serverlessMemoryMb) {
        /** Checks the numbers. */
        public Query {
            if (!(throughputRps > 0) || Double.isInfinite(throughputRps)) {
                throw new UserError("The throughput " + throughputRps + " is not a positive number of predictions per"
                        + " second.", "Give the measured throughput, e.g. --throughput 850.");
            }
            if (!(trafficPerMonth >= 0)) {
                throw new UserError("The traffic " + trafficPerMonth + " is not a number of predictions per month.",
                        "Give the expected traffic, e.g. --traffic 20000000.");
            }
            if (latencyTargetMs != null && !(latencyTargetMs > 0)) {
                throw new UserError("The latency target " + latencyTargetMs + " ms is not above 0.",
                        "Give the p99 latency to meet in milliseconds, e.g. --latency-ms 100.");
            }
            measuredCores = Math.max(1, measuredCores);
            peakFactor = peakFactor < 1 ? 1 : peakFactor;
            minReplicas = Math.max(1, minReplicas);
            serverlessMemoryMb = serverlessMemoryMb <= 0 ? 2048 : serverlessMemoryMb;
        }
    }

    /**
     * One always-on option.
     *
     * @param cloud           the price table's cloud
     * @param instanceType    the instance type
     * @param kind            cpu, gpu or accelerator
     * @param instanceRps     predictions per second one instance serves at 100% (estimated)
     * @param replicas        instances needed for the peak at the utilization the latency target allows
     * @param predictedP99Ms  the p99 latency expected at that utilization
     * @param meetsLatency    whether it meets the latency target (true without a target)
     * @param hourlyUsd       on-demand price of one instance
     * @param monthlyUsd      on-demand cost per month for the replicas
     * @param monthlyCommitUsd one-year-commitment cost per month, or null when none is offered
     * @param per1000Usd      on-demand cost per 1,000 predictions at the given traffic
     * @param per1000AtFullUsd cost per 1,000 predictions with the instance busy all the time
     * @param asOf            the price's date
     * @param source          the price's page
     */
    public record Option(String cloud, String instanceType, String kind, double instanceRps, int replicas,
                         double predictedP99Ms, boolean meetsLatency, double hourlyUsd, double monthlyUsd,
                         Double monthlyCommitUsd, double per1000Usd, double per1000AtFullUsd, String asOf,
                         String source) {
    }

    /**
     * SageMaker serverless for the same traffic.
     *
     * @param memoryMb        the memory size priced
     * @param gbSecondUsd     the price of one GB-second
     * @param monthlyUsd      cost per month
     * @param per1000Usd      cost per 1,000 predictions
     * @param peakConcurrency concurrent requests at the peak (the endpoint's MaxConcurrency must cover it)
     * @param cheaperThanAlwaysOn whether it costs less than the cheapest always-on SageMaker option meeting the target
     * @param caveat          the cold-start caveat
     */
    public record ServerlessOption(int memoryMb, double gbSecondUsd, double monthlyUsd, double per1000Usd,
                                   double peakConcurrency, boolean cheaperThanAlwaysOn, String caveat) {
    }

    /**
     * An estimate.
     *
     * @param query       what was asked
     * @param options     every always-on option, cheapest first
     * @param cheapest    the cheapest option meeting the latency target, or null when none does
     * @param serverless  SageMaker serverless, or null when the price table has no serverless row or the cloud is
     *                    not sagemaker
     * @param assumptions what the estimate assumes, in words
     * @param priceSource the price table's name
     * @param staleNote   {@link PriceTable#STALE_NOTE}
     */
    public record Estimate(Query query, List<Option> options, Option cheapest, ServerlessOption serverless,
                           List<String> assumptions, String priceSource, String staleNote) {
        /** Copies the lists. */
        public Estimate {
            options = List.copyOf(options);
            assumptions = List.copyOf(assumptions);
        }
    }

    /**
     * @param q what to estimate
     * @return the options, the cheapest meeting the target, the serverless comparison and the assumptions
     * @throws UserError when the price table has no instance for the cloud asked for
     */
    public Estimate estimate(Query q) {
        double serviceS = q.measuredCores() / q.throughputRps();          // one request's time on one core
        double p99AtLowLoadMs = q.measuredP99Ms() != null ? q.measuredP99Ms() : serviceS * Math.log(100) * 1000;
        double meanRps = q.trafficPerMonth() / (HOURS_PER_MONTH * 3600);
        double peakRps = meanRps * q.peakFactor();
        double maxUtilization = 0.7;
        if (q.latencyTargetMs() != null) {
            maxUtilization = Math.min(maxUtilization, 1 - p99AtLowLoadMs / q.latencyTargetMs());
        }
        List<Option> options = new ArrayList<>();
        for (PriceTable.Price p : prices.rows()) {
            if (p.kind().equals("serverless") || (q.cloud() != null && !p.cloud().equals(q.cloud()))) {
                continue;
            }
            double instanceRps = q.throughputRps() * Math.max(1, p.vcpus()) / q.measuredCores();
            boolean meets = maxUtilization > 0;
            double rho = meets ? maxUtilization : 0.7;
            int replicas = Math.max(q.minReplicas(), (int) Math.ceil(peakRps / (instanceRps * rho)));
            double load = peakRps / (replicas * instanceRps);
            double p99 = p99AtLowLoadMs / Math.max(1e-9, 1 - load);
            double monthly = replicas * p.onDemandUsd() * HOURS_PER_MONTH;
            Double commit = p.commit1yUsd() == null ? null : replicas * p.commit1yUsd() * HOURS_PER_MONTH;
            double per1000 = q.trafficPerMonth() == 0 ? Double.NaN : monthly / (q.trafficPerMonth() / 1000);
            double atFull = p.onDemandUsd() / (instanceRps * 3600) * 1000;
            options.add(new Option(p.cloud(), p.instanceType(), p.kind(), instanceRps, replicas, p99, meets,
                    p.onDemandUsd(), monthly, commit, per1000, atFull, p.asOf().toString(), p.sourceUrl()));
        }
        if (options.isEmpty()) {
            throw new UserError("The price table " + prices.source() + " has no instance types"
                    + (q.cloud() == null ? "" : " for " + q.cloud()) + ".",
                    "Add rows to " + PriceTable.PROJECT_FILE + ", or choose another target.");
        }
        options.sort(Comparator.comparingDouble(Option::monthlyUsd).thenComparing(Option::instanceType));
        Option cheapest = options.stream().filter(Option::meetsLatency).findFirst().orElse(null);

        ServerlessOption serverless = null;
        var sl = prices.find("sagemaker", "serverless");
        if (sl.isPresent() && (q.cloud() == null || q.cloud().equals("sagemaker"))) {
            double gb = q.serverlessMemoryMb() / 1024.0;
            double perRequest = serviceS * gb * sl.get().onDemandUsd();
            double monthly = perRequest * q.trafficPerMonth();
            Option alwaysOn = options.stream().filter(o -> o.cloud().equals("sagemaker") && o.meetsLatency())
                    .findFirst().orElse(null);
            serverless = new ServerlessOption(q.serverlessMemoryMb(), sl.get().onDemandUsd(), monthly,
                    perRequest * 1000, peakRps * serviceS, alwaysOn != null && monthly < alwaysOn.monthlyUsd(),
                    "A serverless endpoint scales to zero: the first request after an idle spell waits for a cold "
                            + "start (seconds, not milliseconds), so a p99 target holds only under steady traffic.");
        }
        List<String> assumptions = List.of(
                "Throughput scales with vCPUs: an instance with v vCPUs serves " + fmt(q.throughputRps()) + " x v / "
                        + q.measuredCores() + " predictions/s (CPU-bound model; GPUs and accelerators are not assumed"
                        + " faster, only their vCPUs count).",
                "One prediction takes the same time on every instance type as on the measuring machine ("
                        + fmt(serviceS * 1000) + " ms of one core).",
                "Latency at load follows an M/M/1 queue: p99 = p99 at low load / (1 - utilization); p99 at low load = "
                        + fmt(p99AtLowLoadMs) + " ms" + (q.measuredP99Ms() == null
                        ? " (assumed ln(100) service times: none was measured)" : " (measured)") + ".",
                "Traffic averages " + fmt(meanRps) + " predictions/s and peaks at " + fmt(q.peakFactor())
                        + " times that; instances are added so that utilization at the peak stays at or under "
                        + fmt(Math.max(0, maxUtilization) * 100) + "%.",
                "At least " + q.minReplicas() + " instance(s) always on; a month is " + (int) HOURS_PER_MONTH
                        + " hours; network, storage, load balancer and request charges are not included.",
                "Serverless bills each prediction's duration times its memory (" + q.serverlessMemoryMb()
                        + " MB); data processing charges are not included.");
        return new Estimate(q, options, cheapest, serverless, assumptions, prices.source(), PriceTable.STALE_NOTE);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, v >= 100 ? "%.0f" : v >= 1 ? "%.2f" : "%.4f", v);
    }
}
