package io.mlwb.deploy;

import java.util.List;
import java.util.Map;

/** Fully resolved plans for the generator tests, on configurations the service's defaults never produce. */
final class Plans {
    private Plans() {
    }

    static DeployConfig config(DeployTarget t, Strategy s, Map<Integer, Integer> split, boolean serverless) {
        String instance = switch (t) {
            case SAGEMAKER -> serverless ? null : "ml.c5.xlarge";
            case VERTEX -> "n1-standard-4+nvidia-tesla-t4";
            case AZUREML -> "Standard_F4s_v2";
            default -> null;
        };
        String auth = switch (t) {
            case AZUREML -> "aad_token";
            case KUBERNETES, KSERVE -> "ingress";
            case LOCAL -> "none";
            default -> "iam";
        };
        return new DeployConfig(instance, t == DeployTarget.VERTEX ? "europe-west4" : "eu-west-1", 3, 7,
                new DeployConfig.Autoscaling(t == DeployTarget.KUBERNETES ? "cpu" : "requests_per_instance", 600),
                new DeployConfig.Rollout(s, 15, 20, split), new DeployConfig.Rollback(0.02, 250.0),
                new DeployConfig.Security(auth, "private", t == DeployTarget.SAGEMAKER
                        ? "arn:aws:iam::111122223333:role/fraud-serving" : "fraud-serving"),
                serverless ? new DeployConfig.Serverless(3072, 20) : null, new DeployConfig.Resources("500m", "1Gi"),
                "fraud-api", "registry.example.com/fraud:v4", false, serverless ? null : "alias/fraud-endpoints",
                t == DeployTarget.SAGEMAKER ? new DeployConfig.Vpc(List.of("subnet-1", "subnet-2"), List.of("sg-9"))
                        : null, "risk", "ingress-system", "fraud-prod", null, null);
    }

    static DeployPlan plan(DeployTarget t, Strategy s, boolean previous, boolean serverless) {
        Map<Integer, Integer> traffic = s == Strategy.A_B ? Map.of(3, 30, 4, 70)
                : s == Strategy.CANARY && previous ? Map.of(4, 15, 3, 85) : Map.of(4, 100);
        return new DeployPlan("Fraud.Model", 4, ".mlwb/runs/9/model.zip", t,
                config(t, s, s == Strategy.A_B ? traffic : Map.of(), serverless), "fraud-api",
                "registry.example.com/fraud:v4", 3, previous ? new DeployPlan.Previous(7, 3, "fraud-api-v3-2") : null,
                traffic, true);
    }

    static DeployPlan restored(DeployTarget t) {
        return new DeployPlan("Fraud.Model", 3, ".mlwb/runs/8/model.zip", t, config(t, Strategy.ALL_AT_ONCE,
                Map.of(), false), "fraud-api", "registry.example.com/fraud:v3", 2, null, Map.of(3, 100), false);
    }
}
