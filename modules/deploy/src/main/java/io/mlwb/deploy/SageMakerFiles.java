package io.mlwb.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AssemblyType;
import software.amazon.awssdk.services.sagemaker.model.BatchStrategy;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.SplitType;
import software.amazon.awssdk.services.sagemaker.model.TransformDataSource;
import software.amazon.awssdk.services.sagemaker.model.TransformInput;
import software.amazon.awssdk.services.sagemaker.model.TransformOutput;
import software.amazon.awssdk.services.sagemaker.model.TransformResources;
import software.amazon.awssdk.services.sagemaker.model.TransformS3DataSource;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ContainerMode;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/**
 * SageMaker: one request file per AWS CLI call, numbered in the order to run them, each built with the AWS SDK's
 * model classes and captured as the SDK sends it (JSON protocol: the body is what {@code --cli-input-json} takes;
 * CloudWatch's query protocol: the same request written through the SDK's field metadata, see {@link SdkJson}).
 */
public final class SageMakerFiles implements TargetFiles {
    /** The request files, in order (03 is {@code 03-update-endpoint.json} when the endpoint exists). */
    public static final List<String> FILES = List.of("01-create-model.json", "02-create-endpoint-config.json",
            "03-create-endpoint.json", "04-put-metric-alarm-5xx.json", "05-put-metric-alarm-latency.json",
            "06-register-scalable-target.json", "07-put-scaling-policy.json");
    /** The Batch Transform job's request, written when the configuration has {@code batch:}. */
    public static final String TRANSFORM_JOB = "08-create-transform-job.json";
    /** The transform job's input and output media type: JSON Lines, which the serving container reads and writes. */
    public static final String BATCH_CONTENT_TYPE = io.mlwb.serving.ServingContract.JSON_LINES;

    @Override
    public Map<String, String> deploy(DeployPlan plan) {
        DeployConfig c = plan.config();
        Map<String, String> files = new LinkedHashMap<>();
        List<String> alarms = new ArrayList<>();
        if (c.rollback().errorRate() != null) {
            alarms.add(Names.alarm(plan.endpoint(), "5xx-rate"));
        }
        if (c.rollback().p99LatencyMs() != null) {
            alarms.add(Names.alarm(plan.endpoint(), "p99-latency"));
        }
        try (AwsCapture cap = new AwsCapture();
             SageMakerClient sm = cap.configure(SageMakerClient.builder(), c.region()).build();
             CloudWatchClient cw = cap.configure(CloudWatchClient.builder(), c.region()).build();
             ApplicationAutoScalingClient aas = cap.configure(ApplicationAutoScalingClient.builder(), c.region())
                     .build()) {
            sm.createModel(createModel(plan));
            files.put(FILES.get(0), SdkJson.pretty(cap.last().body(), Common.JSON));
            sm.createEndpointConfig(endpointConfig(plan));
            files.put(FILES.get(1), SdkJson.pretty(cap.last().body(), Common.JSON));
            if (plan.previous() == null) {
                sm.createEndpoint(CreateEndpointRequest.builder().endpointName(plan.endpoint())
                        .endpointConfigName(plan.platformName()).tags(tags(plan)).build());
                files.put(FILES.get(2), SdkJson.pretty(cap.last().body(), Common.JSON));
            } else {
                sm.updateEndpoint(update(plan, alarms));
                files.put("03-update-endpoint.json", SdkJson.pretty(cap.last().body(), Common.JSON));
            }
            if (c.rollback().errorRate() != null) {
                PutMetricAlarmRequest r = errorRateAlarm(plan, alarms.get(0));
                cw.putMetricAlarm(r);
                files.put(FILES.get(3), Common.json(SdkJson.of(r)));
            }
            if (c.rollback().p99LatencyMs() != null) {
                PutMetricAlarmRequest r = latencyAlarm(plan, alarms.get(alarms.size() - 1));
                cw.putMetricAlarm(r);
                files.put(FILES.get(4), Common.json(SdkJson.of(r)));
            }
            if (c.serverless() == null) {
                aas.registerScalableTarget(RegisterScalableTargetRequest.builder()
                        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId(plan))
                        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                        .minCapacity(c.minReplicas()).maxCapacity(c.maxReplicas()).build());
                files.put(FILES.get(5), SdkJson.pretty(cap.last().body(), Common.JSON));
                aas.putScalingPolicy(scalingPolicy(plan));
                files.put(FILES.get(6), SdkJson.pretty(cap.last().body(), Common.JSON));
            }
            if (c.batch() != null) {
                sm.createTransformJob(transformJob(plan));
                files.put(TRANSFORM_JOB, SdkJson.pretty(cap.last().body(), Common.JSON));
            }
        }
        files.put("Dockerfile", Common.dockerfile(plan));
        files.put("README.md", readme(plan, files));
        return files;
    }

    @Override
    public Map<String, String> rollback(DeployPlan current, DeployPlan restored) {
        Map<String, String> files = new LinkedHashMap<>();
        try (AwsCapture cap = new AwsCapture();
             SageMakerClient sm = cap.configure(SageMakerClient.builder(), current.config().region()).build()) {
            sm.updateEndpoint(UpdateEndpointRequest.builder().endpointName(current.endpoint())
                    .endpointConfigName(restored.platformName()).build());
            files.put("01-update-endpoint.json", SdkJson.pretty(cap.last().body(), Common.JSON));
        }
        files.put("README.md", """
                # Roll back %s on SageMaker: %s@%d -> %s@%d

                Generated by `mlwb deploy rollback %s`. The endpoint `%s` goes back to the endpoint configuration
                `%s` (created by the deployment of version %d, still in the account), all traffic at once.

                ```sh
                aws sagemaker update-endpoint --cli-input-json file://01-update-endpoint.json
                aws sagemaker wait endpoint-in-service --endpoint-name %s
                ```
                """.formatted(current.endpoint(), current.model(), current.version(), restored.model(),
                restored.version(), current.model(), current.endpoint(), restored.platformName(), restored.version(),
                current.endpoint()));
        return files;
    }

    /** The role the model runs as: an ARN as given, or the role name in the account of the caller. */
    static String roleArn(DeployPlan plan) {
        String sa = plan.config().security().serviceAccount();
        return sa.startsWith("arn:") ? sa : "arn:aws:iam::ACCOUNT_ID:role/" + sa;
    }

    private static List<Tag> tags(DeployPlan plan) {
        List<Tag> t = new ArrayList<>();
        t.add(Tag.builder().key("mlwb:model").value(plan.model()).build());
        t.add(Tag.builder().key("mlwb:version").value(Integer.toString(plan.version())).build());
        if (plan.staging()) {
            t.add(Tag.builder().key("mlwb:stage").value("staging").build());
        }
        return t;
    }

    private static CreateModelRequest createModel(DeployPlan plan) {
        DeployConfig c = plan.config();
        CreateModelRequest.Builder b = CreateModelRequest.builder().modelName(plan.platformModel())
                .executionRoleArn(roleArn(plan))
                .primaryContainer(ContainerDefinition.builder().image(plan.image()).mode(ContainerMode.SINGLE_MODEL)
                        .environment(ServingContract.environment(plan.target())).build())
                .enableNetworkIsolation(true)
                .tags(tags(plan));
        if (c.vpc() != null) {
            b.vpcConfig(VpcConfig.builder().subnets(c.vpc().subnets()).securityGroupIds(c.vpc().securityGroups())
                    .build());
        }
        return b.build();
    }

    /**
     * Batch Transform on the model 01 creates: JSON Lines input split by line and sent as {@code MultiRecord}
     * mini-batches of up to {@code max_payload_mb} ({@code application/jsonlines}, which the container's
     * {@code /invocations} answers with one prediction line per record, in order), at most
     * {@code max_concurrent_transforms} requests in flight per machine; SageMaker's {@code AssembleWith: Line} joins the
     * answers, so output line k is the prediction of input line k.
     */
    static CreateTransformJobRequest transformJob(DeployPlan plan) {
        DeployConfig c = plan.config();
        DeployConfig.Batch b = c.batch();
        TransformOutput.Builder out = TransformOutput.builder().s3OutputPath(b.outputUri())
                .accept(BATCH_CONTENT_TYPE).assembleWith(AssemblyType.LINE);
        TransformResources.Builder res = TransformResources.builder().instanceType(b.instanceType())
                .instanceCount(b.instanceCount());
        if (c.kmsKeyId() != null) {
            out.kmsKeyId(c.kmsKeyId());
            res.volumeKmsKeyId(c.kmsKeyId());
        }
        return CreateTransformJobRequest.builder().transformJobName(plan.transformJob())
                .modelName(plan.platformModel())
                .batchStrategy(BatchStrategy.MULTI_RECORD).maxConcurrentTransforms(b.concurrentTransforms())
                .maxPayloadInMB(b.payloadMb())
                .transformInput(TransformInput.builder().contentType(BATCH_CONTENT_TYPE).splitType(SplitType.LINE)
                        .dataSource(TransformDataSource.builder().s3DataSource(TransformS3DataSource.builder()
                                .s3DataType(S3DataType.S3_PREFIX).s3Uri(b.inputUri()).build()).build()).build())
                .transformOutput(out.build())
                .transformResources(res.build())
                .environment(ServingContract.environment(plan.target()))
                .tags(tags(plan)).build();
    }

    private static CreateEndpointConfigRequest endpointConfig(DeployPlan plan) {
        DeployConfig c = plan.config();
        List<ProductionVariant> variants = new ArrayList<>();
        if (c.serverless() != null) {
            variants.add(ProductionVariant.builder().variantName(DeployPlan.VARIANT).modelName(plan.platformModel())
                    .serverlessConfig(ProductionVariantServerlessConfig.builder()
                            .memorySizeInMB(c.serverless().memoryMb())
                            .maxConcurrency(c.serverless().maxConcurrency()).build()).build());
        } else if (plan.strategy() == Strategy.A_B) {
            variants.add(variant(plan, DeployPlan.VARIANT, plan.version(), plan.newPercent()));
            variants.add(variant(plan, DeployPlan.VARIANT_B, plan.otherVersion(), 100 - plan.newPercent()));
        } else {
            variants.add(variant(plan, DeployPlan.VARIANT, plan.version(), 100));
        }
        CreateEndpointConfigRequest.Builder b = CreateEndpointConfigRequest.builder()
                .endpointConfigName(plan.platformName()).productionVariants(variants).tags(tags(plan));
        if (c.kmsKeyId() != null) {
            b.kmsKeyId(c.kmsKeyId());
        }
        return b.build();
    }

    private static ProductionVariant variant(DeployPlan plan, String name, int version, int weight) {
        return ProductionVariant.builder().variantName(name).modelName(plan.platformModel(version))
                .instanceType(plan.config().instanceType()).initialInstanceCount(plan.config().minReplicas())
                .initialVariantWeight((float) weight).build();
    }

    private static UpdateEndpointRequest update(DeployPlan plan, List<String> alarms) {
        UpdateEndpointRequest.Builder b = UpdateEndpointRequest.builder().endpointName(plan.endpoint())
                .endpointConfigName(plan.platformName());
        if (plan.config().serverless() != null || plan.strategy() == Strategy.A_B) {
            return b.build();   // guardrails need one instance-backed variant: a plain update
        }
        int bake = plan.config().rollout().bakeMinutes() * 60;
        TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder().waitIntervalInSeconds(bake);
        if (plan.strategy() == Strategy.CANARY) {
            routing.type(TrafficRoutingConfigType.CANARY).canarySize(CapacitySize.builder()
                    .type(CapacitySizeType.CAPACITY_PERCENT).value(plan.config().rollout().percent()).build());
        } else {
            routing.type(TrafficRoutingConfigType.ALL_AT_ONCE);
        }
        DeploymentConfig.Builder dc = DeploymentConfig.builder().blueGreenUpdatePolicy(BlueGreenUpdatePolicy.builder()
                .trafficRoutingConfiguration(routing.build())
                .terminationWaitInSeconds(plan.strategy() == Strategy.ALL_AT_ONCE ? 0 : Math.min(3600, bake))
                .maximumExecutionTimeoutInSeconds(Math.min(14400, Math.max(600, 2 * bake + 1800))).build());
        if (!alarms.isEmpty()) {
            dc.autoRollbackConfiguration(AutoRollbackConfig.builder()
                    .alarms(alarms.stream().map(a -> Alarm.builder().alarmName(a).build()).toList()).build());
        }
        return b.deploymentConfig(dc.build()).build();
    }

    private static List<Dimension> dimensions(DeployPlan plan) {
        return List.of(Dimension.builder().name("EndpointName").value(plan.endpoint()).build(),
                Dimension.builder().name("VariantName").value(DeployPlan.VARIANT).build());
    }

    private static MetricDataQuery sum(DeployPlan plan, String id, String metric) {
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(MetricStat.builder().metric(Metric
                        .builder().namespace("AWS/SageMaker").metricName(metric).dimensions(dimensions(plan)).build())
                .period(60).stat("Sum").build()).build();
    }

    static PutMetricAlarmRequest errorRateAlarm(DeployPlan plan, String name) {
        return PutMetricAlarmRequest.builder().alarmName(name)
                .alarmDescription("mlwb: roll back " + plan.endpoint() + " when more than "
                        + plan.config().rollback().errorRate() * 100 + "% of invocations fail with 5xx")
                .metrics(sum(plan, "errors", "Invocation5XXErrors"), sum(plan, "invocations", "Invocations"),
                        MetricDataQuery.builder().id("rate").label("5xx error rate")
                                .expression("IF(invocations > 0, errors / invocations, 0)").returnData(true).build())
                .threshold(plan.config().rollback().errorRate())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(2).datapointsToAlarm(2).treatMissingData("notBreaching").build();
    }

    static PutMetricAlarmRequest latencyAlarm(DeployPlan plan, String name) {
        return PutMetricAlarmRequest.builder().alarmName(name)
                .alarmDescription("mlwb: roll back " + plan.endpoint() + " when p99 model latency exceeds "
                        + plan.config().rollback().p99LatencyMs() + " ms")
                .namespace("AWS/SageMaker").metricName("ModelLatency").dimensions(dimensions(plan))
                .extendedStatistic("p99").period(60).unit("Microseconds")
                .threshold(plan.config().rollback().p99LatencyMs() * 1000)   // ModelLatency is in microseconds
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(2).datapointsToAlarm(2).treatMissingData("notBreaching").build();
    }

    private static String resourceId(DeployPlan plan) {
        return "endpoint/" + plan.endpoint() + "/variant/" + DeployPlan.VARIANT;
    }

    private static PutScalingPolicyRequest scalingPolicy(DeployPlan plan) {
        DeployConfig.Autoscaling a = plan.config().autoscaling();
        TargetTrackingScalingPolicyConfiguration.Builder t = TargetTrackingScalingPolicyConfiguration.builder()
                .scaleInCooldown(300).scaleOutCooldown(60);
        List<MetricDimension> dims = List.of(
                MetricDimension.builder().name("EndpointName").value(plan.endpoint()).build(),
                MetricDimension.builder().name("VariantName").value(DeployPlan.VARIANT).build());
        switch (a.metric()) {
            case "latency_ms" -> t.targetValue(a.target() * 1000).customizedMetricSpecification(
                    CustomizedMetricSpecification.builder().namespace("AWS/SageMaker").metricName("ModelLatency")
                            .dimensions(dims).statistic(MetricStatistic.AVERAGE).unit("Microseconds").build());
            case "cpu" -> t.targetValue(a.target()).customizedMetricSpecification(
                    CustomizedMetricSpecification.builder().namespace("/aws/sagemaker/Endpoints")
                            .metricName("CPUUtilization").dimensions(dims).statistic(MetricStatistic.AVERAGE).build());
            default -> t.targetValue(a.target()).predefinedMetricSpecification(PredefinedMetricSpecification
                    .builder().predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE).build());
        }
        return PutScalingPolicyRequest.builder().policyName(plan.endpoint() + "-" + a.metric().replace('_', '-'))
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId(plan))
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t.build())
                .build();
    }

    private static String readme(DeployPlan plan, Map<String, String> files) {
        StringBuilder sb = Common.readmeHead(plan, "Deploy " + plan.model() + "@" + plan.version()
                + " to SageMaker endpoint " + plan.endpoint());
        sb.append("\nThe image must be in ECR. Replace the account placeholder first:\n\n```sh\n")
                .append("ACCOUNT=$(aws sts get-caller-identity --query Account --output text)\n")
                .append("sed -i \"s/ACCOUNT_ID/$ACCOUNT/g\" *.json\n```\n");
        sb.append("\n## 2. Apply, in this order (region ").append(plan.config().region()).append(")\n\n```sh\n");
        sb.append("export AWS_REGION=").append(plan.config().region()).append('\n');
        if (files.containsKey("03-update-endpoint.json")) {
            sb.append("# the rollback alarms must exist before the update names them (04, 05 keep them current)\n");
        }
        for (String f : files.keySet()) {
            String call = switch (f.substring(3, f.length() - 5)) {
                case "create-model" -> "aws sagemaker create-model";
                case "create-endpoint-config" -> "aws sagemaker create-endpoint-config";
                case "create-endpoint" -> "aws sagemaker create-endpoint";
                case "update-endpoint" -> "aws sagemaker update-endpoint";
                case "put-metric-alarm-5xx", "put-metric-alarm-latency" -> "aws cloudwatch put-metric-alarm";
                case "register-scalable-target" -> "aws application-autoscaling register-scalable-target";
                case "put-scaling-policy" -> "aws application-autoscaling put-scaling-policy";
                case "create-transform-job" -> "aws sagemaker create-transform-job";
                default -> null;
            };
            if (call != null) {
                if (f.equals(TRANSFORM_JOB)) {
                    sb.append("# batch: runs on the model from 01, independent of the endpoint; input JSON Lines, one "
                            + "instance per line, sent ").append(plan.config().batch().payloadMb())
                            .append(" MB at a time, ").append(plan.config().batch().concurrentTransforms()).append(" requests per machine; output line k "
                            + "is the prediction of input line k\n");
                }
                if (f.startsWith("06")) {
                    sb.append("aws sagemaker wait endpoint-in-service --endpoint-name ").append(plan.endpoint())
                            .append('\n');
                }
                sb.append(call).append(" --cli-input-json file://").append(f).append('\n');
            }
        }
        sb.append("```\n");
        DeployConfig c = plan.config();
        if (c.serverless() != null) {
            sb.append("\nServerless endpoint: ").append(c.serverless().memoryMb()).append(" MB, at most ")
                    .append(c.serverless().maxConcurrency()).append(" concurrent requests; no scaling files (it scales"
                            + " itself). **Cold starts**: the first request after an idle spell waits seconds.\n");
        }
        if (plan.previous() != null && plan.strategy() != Strategy.A_B && c.serverless() == null) {
            sb.append("\nThe update is a blue/green deployment (").append(plan.strategy().id())
                    .append(c.rollout().strategy() == Strategy.CANARY ? ", " + c.rollout().percent() + "% first" : "")
                    .append(", bake ").append(c.rollout().bakeMinutes()).append(" min)")
                    .append(c.rollback().any() ? " that SageMaker rolls back by itself when an alarm fires." : ".")
                    .append(" The variant keeps the name ").append(DeployPlan.VARIANT)
                    .append(" across versions, so the guardrails compare like with like.\n");
        }
        if (plan.strategy() == Strategy.A_B) {
            sb.append("\nA/B: variant ").append(DeployPlan.VARIANT_B).append(" serves ").append(plan.platformModel(
                    plan.otherVersion())).append(", created by that version's own deployment (its 01-create-model"
                    + ".json).\n");
        }
        sb.append("\nRoll back: `mlwb deploy rollback ").append(plan.model()).append("` writes the update that "
                + "restores the previous endpoint configuration.\n");
        return sb.toString();
    }
}
