package io.mlwb.deploy;

import io.mlwb.core.error.UserError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every name a deployment gives a platform resource, and each platform's rule for it, in one place.
 *
 * <p>The policy: a name the user wrote ({@code endpoint:} in the configuration) is kept as written or refused with a
 * {@link UserError} that states the platform's rule; a name mlwb derives (from the model's name, the version, the
 * sequence and a suffix) is always made to fit, by {@link #fit}: when it is too long, the front is cut and
 * {@code -<6 hex of SHA-256 of the whole base>} takes its place, before the suffix, so the result is deterministic,
 * still matches the rule, and stays distinct for two long names that share a prefix and for every version.
 *
 * <p>The rules, as the platforms state them:
 * <ul>
 *   <li>SageMaker {@code ModelName}, {@code EndpointName}, {@code EndpointConfigName}, {@code TransformJobName},
 *       {@code VariantName}: at most 63, pattern {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}} (Amazon SageMaker API
 *       Reference: CreateModel, CreateEndpoint, CreateEndpointConfig, CreateTransformJob, ProductionVariant).
 *       CloudWatch {@code AlarmName}: 1 to 255 (CloudWatch API Reference, PutMetricAlarm).</li>
 *   <li>Azure ML online endpoint and deployment names: 3 to 32, a letter first, then letters, digits and hyphens,
 *       ending with a letter or digit ({@code validate_endpoint_or_deployment_name} in the azure-ai-ml SDK, which
 *       {@code az ml} runs); an endpoint name must also be unique in its Azure region, which no local check can
 *       know.</li>
 *   <li>Kubernetes: a Service name is an RFC 1035 label ({@code [a-z]([-a-z0-9]*[a-z0-9])?}, at most 63);
 *       Deployment, HPA, PDB, NetworkPolicy and ServiceAccount names are DNS subdomains, kept to a DNS-1123 label
 *       here so pod host names are whole; label values at most 63 (kubernetes.io, "Object Names and IDs" and
 *       "Labels and Selectors").</li>
 *   <li>KServe (Serverless): the InferenceService's predictor is reached at {@code <name>-predictor-<namespace>}
 *       under the cluster's domain, one DNS label of at most 63 (kserve/kserve#4807), and a canary adds the tag
 *       routes {@code latest-} and {@code prev-} in front (kserve/kserve#1397); Knative names the first revision
 *       {@code <name>-predictor-00001}. So the name is at most {@code min(63 - 16, 63 - 18 - len(namespace))}.</li>
 *   <li>Vertex AI {@code displayName}: at most 128 UTF-8 characters; label values at most 63, lower-case letters,
 *       digits, {@code _} and {@code -} (Vertex AI REST reference: Model, Endpoint, BatchPredictionJob).</li>
 * </ul>
 */
public final class Names {
    /** SageMaker's resource names (model, endpoint, endpoint configuration, transform job, variant). */
    public static final Rule SAGEMAKER = new Rule("a SageMaker name", Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"),
            1, 63, "letters, digits and hyphens, starting and ending with a letter or digit, at most 63 "
            + "(SageMaker API reference)");
    /** A CloudWatch alarm's name. */
    public static final Rule CLOUDWATCH_ALARM = new Rule("a CloudWatch alarm name", Pattern.compile("\\p{Print}+"), 1,
            255, "1 to 255 printable characters (CloudWatch PutMetricAlarm)");
    /** Azure ML online endpoint and deployment names. */
    public static final Rule AZURE_ML = new Rule("an Azure ML endpoint or deployment name",
            Pattern.compile("[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?"), 3, 32, "3 to 32 letters, digits and hyphens, "
            + "starting with a letter and ending with a letter or digit, unique in the Azure region (azure-ai-ml)");
    /** A Kubernetes Service name (RFC 1035 label); also what the other names here are kept to. */
    public static final Rule DNS_LABEL = new Rule("a Kubernetes name", Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?"),
            1, 63, "lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit, "
            + "at most 63 (RFC 1035 label)");
    /** A Kubernetes label value. */
    public static final Rule LABEL_VALUE = new Rule("a Kubernetes label value",
            Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"), 0, 63, "at most 63 letters, digits, "
            + "'-', '_' or '.', starting and ending with a letter or digit");
    /** A Vertex AI display name. */
    public static final Rule VERTEX_DISPLAY_NAME = new Rule("a Vertex AI display name", Pattern.compile("(?s).+"), 1,
            128, "1 to 128 characters (Vertex AI)");
    /** A Vertex AI label value. */
    public static final Rule VERTEX_LABEL_VALUE = new Rule("a Vertex AI label value",
            Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]*"), 0, 63, "at most 63 lower-case letters, digits, '_' and '-'");

    /** {@code -<name>-predictor-00001}: what Knative adds to an InferenceService's name for its first revision. */
    private static final int KSERVE_REVISION = "-predictor-00001".length();
    /** {@code latest-<name>-predictor-<namespace>}: the canary's tagged host label, less the namespace. */
    private static final int KSERVE_HOST = "latest-".length() + "-predictor-".length();
    /** A derived name's hash: a dash and 6 hex digits. */
    private static final int HASH = 7;

    private Names() {
    }

    /**
     * A platform's rule for a kind of name.
     *
     * @param what     what kind of name, for messages ("a SageMaker name")
     * @param pattern  the pattern the whole name matches
     * @param min      the fewest characters
     * @param max      the most characters
     * @param describe the rule in words, with its source, for messages
     */
    public record Rule(String what, Pattern pattern, int min, int max, String describe) {
        /**
         * @param name a name
         * @return whether the platform takes it
         */
        public boolean accepts(String name) {
            return name != null && name.length() >= min && name.length() <= max && pattern.matcher(name).matches();
        }

    }

    /**
     * @param text a name
     * @return the name as platforms take it: lower case letters, digits and dashes, starting with a letter, with no
     *         dash at either end; not shortened (see {@link #fit})
     */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "m-" + s;
        }
        return s.replaceAll("-+$", "");
    }

    /**
     * Makes a derived name fit: {@code base + suffix} when it is at most {@code max} long; otherwise the front of
     * {@code base}, {@code -} and the first 6 hex digits of SHA-256 of the whole {@code base}, then {@code suffix}.
     *
     * @param base   a slug ({@link #slug}) or an endpoint name: starts with a letter
     * @param suffix what follows it ({@code -v4}, {@code -v4-2-batch}), kept whole
     * @param max    the most characters
     * @return the name, at most {@code max} long
     * @throws IllegalArgumentException when the suffix leaves no room for the front and the hash
     */
    public static String fit(String base, String suffix, int max) {
        if (base.length() + suffix.length() <= max) {
            return base + suffix;
        }
        int keep = max - suffix.length() - HASH;
        if (keep < 1) {
            throw new IllegalArgumentException("no room for '" + base + "' before '" + suffix + "' in " + max);
        }
        String front = base.substring(0, keep).replaceAll("-+$", "");
        return front + "-" + hash(base) + suffix;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the endpoint

    /**
     * The rule an endpoint (service) name follows on a target: one lower-case DNS label every resource named after it
     * accepts, no longer than the target's own name for it allows.
     *
     * @param target    the target
     * @param namespace the Kubernetes namespace (KServe), or null for {@code default}
     * @return the rule
     */
    public static Rule endpointRule(DeployTarget target, String namespace) {
        return switch (target) {
            case AZUREML -> new Rule("an Azure ML endpoint name", DNS_LABEL.pattern(), AZURE_ML.min(), AZURE_ML.max(),
                    "3 to 32 lower-case letters, digits and hyphens, starting with a letter and ending with a letter "
                            + "or digit (Azure ML; it must also be unique in the Azure region)");
            case KSERVE -> {
                int max = Math.min(63 - KSERVE_REVISION, 63 - KSERVE_HOST - ns(namespace).length());
                yield new Rule("a KServe InferenceService name", DNS_LABEL.pattern(), 1, max, "lower-case letters, "
                        + "digits and hyphens, starting with a letter and ending with a letter or digit, at most " + max
                        + " in namespace " + ns(namespace) + " (the host label latest-<name>-predictor-<namespace> "
                        + "and the revision <name>-predictor-00001 are DNS labels of at most 63)");
            }
            default -> new Rule("an endpoint name", DNS_LABEL.pattern(), 1, 63, DNS_LABEL.describe());
        };
    }

    private static String ns(String namespace) {
        return namespace == null ? "default" : namespace;
    }

    /**
     * The endpoint name of a configuration: the one given, checked against the target's rule, or the model's slug
     * made to fit it.
     *
     * @param target    the target
     * @param model     the model's name
     * @param given     {@code endpoint:} from the configuration, or null
     * @param namespace the Kubernetes namespace (KServe), or null
     * @return the endpoint name
     * @throws UserError (exit 2) when the given name breaks the target's rule, or when the namespace leaves a KServe
     *                   name no room
     */
    public static String endpoint(DeployTarget target, String model, String given, String namespace) {
        Rule rule = endpointRule(target, namespace);
        if (rule.max() < HASH + 2) {
            throw new UserError("The namespace '" + ns(namespace) + "' is too long for a KServe InferenceService: its "
                    + "host name <name>-predictor-<namespace> leaves the name " + Math.max(0, rule.max())
                    + " characters.", "Use a namespace of at most 36 characters.");
        }
        String derived = fit(slug(model), "", rule.max());
        if (derived.length() < rule.min()) {
            derived = fit(slug(model) + "-model", "", rule.max());
        }
        if (given == null) {
            return derived;
        }
        if (!rule.accepts(given)) {
            String why = given.length() > rule.max() ? "is " + given.length() + " characters long"
                    : given.length() < rule.min() ? "is " + given.length() + " characters long" : "has a character "
                    + "or an end " + target.id() + " does not take";
            throw new UserError("The endpoint name '" + given + "' " + why + "; " + rule.what() + " is "
                    + rule.describe() + ".", "Change endpoint: in the configuration, or remove it to use '" + derived
                    + "' (derived from the model's name to fit " + target.id() + ").");
        }
        return given;
    }

    // ---------------------------------------------------------------- derived names

    /**
     * @param model   the model's name
     * @param version a version
     * @return the model's name on SageMaker and Vertex AI for the version: {@code <slug>-v<N>}, fitted to 63
     */
    public static String platformModel(String model, int version) {
        return fit(slug(model), "-v" + version, SAGEMAKER.max());
    }

    /**
     * @param endpoint the endpoint name
     * @param version  the version
     * @param sequence the endpoint's deployment sequence number
     * @return a deployment's SageMaker endpoint configuration name: {@code <endpoint>-v<N>-<sequence>}, fitted to 63
     */
    public static String endpointConfig(String endpoint, int version, int sequence) {
        return fit(endpoint, "-v" + version + "-" + sequence, SAGEMAKER.max());
    }

    /**
     * @param endpoint the endpoint name
     * @param version  the version
     * @param sequence the endpoint's deployment sequence number
     * @return the SageMaker Batch Transform job's name: {@code <endpoint>-v<N>-<sequence>-batch}, fitted to 63
     */
    public static String transformJob(String endpoint, int version, int sequence) {
        return fit(endpoint, "-v" + version + "-" + sequence + "-batch", SAGEMAKER.max());
    }

    /**
     * @param endpoint the endpoint name (at most 63)
     * @param what     what the alarm watches ({@code 5xx-rate}, {@code p99-latency})
     * @return the CloudWatch alarm's name: {@code <endpoint>-<what>}
     */
    public static String alarm(String endpoint, String what) {
        return fit(endpoint, "-" + what, CLOUDWATCH_ALARM.max());
    }

    /**
     * @param version a model version
     * @return its Azure ML deployment's name on the endpoint: {@code v<N>} with at least two digits ({@code v04},
     *         {@code v12}), since Azure takes no name shorter than 3; blue/green between versions keeps both names
     */
    public static String azureDeployment(int version) {
        return version < 10 && version >= 0 ? "v0" + version : "v" + version;
    }

    /**
     * @param endpoint the endpoint (Service) name
     * @param version  the version
     * @return the Kubernetes Deployment (and HPA, PDB) name of a version: {@code <endpoint>-v<N>}, fitted to 63
     */
    public static String kubernetesVersion(String endpoint, int version) {
        return fit(endpoint, "-v" + version, DNS_LABEL.max());
    }

    /**
     * @param endpoint the endpoint (Service) name
     * @return the NetworkPolicy's name: {@code <endpoint>-ingress-only}, fitted to 63
     */
    public static String networkPolicy(String endpoint) {
        return fit(endpoint, "-ingress-only", DNS_LABEL.max());
    }

    /**
     * @param model the model's name
     * @return the value of the {@code mlwb-model} label on Vertex AI: the slug, fitted to 63
     */
    public static String vertexModelLabel(String model) {
        return fit(slug(model), "", VERTEX_LABEL_VALUE.max());
    }

    /**
     * @param model   the model's name
     * @param version the version
     * @return the Vertex AI batch prediction job's display name: {@code <slug>-v<N>-batch}, fitted to 128
     */
    public static String vertexBatchJob(String model, int version) {
        return fit(platformModel(model, version), "-batch", VERTEX_DISPLAY_NAME.max());
    }
}
