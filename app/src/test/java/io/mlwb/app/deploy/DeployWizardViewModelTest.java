package io.mlwb.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.deploy.DeployWizardViewModel.Step;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.DeploymentService;
import io.mlwb.deploy.Strategy;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's view model without a toolkit, over a real project (git, catalog, two registered versions whose
 * artifacts are in the training engine's format): every step's validation, the review's preview that writes
 * nothing, generate, and a failure shown in the pane and reported once.
 */
class DeployWizardViewModelTest {
    private static final String SIG = """
            {"inputs": [{"name": "tenure", "kind": "numeric", "nullable": true}],
             "output": {"probability": "P(churned = yes)", "label": "churned"}}""";

    @TempDir
    Path dir;

    private OpenProject project;
    private Catalog catalog;
    private ModelRegistry registry;
    private DeploymentService service;
    private final InlineJobs jobs = new InlineJobs();
    private int committed;

    private void open(String risk) throws Exception {
        open(risk, "");
    }

    private void open(String risk, String more) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: churn\nrisk_tier: " + risk + "\n" + more);
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        String commit;
        try (GitRepo git = GitRepo.init(dir)) {
            commit = git.commit(List.of("mlwb.yaml", ".gitignore"), "project").sha();
        }
        project = OpenProject.open(dir);
        catalog = project.catalog().orElseThrow();
        Project p = project.config().orElseThrow();
        registry = ModelRegistry.of(catalog, p);
        for (String name : List.of("a", "b")) {
            RunRepository runs = new RunRepository(catalog);
            long id = runs.create(NewRun.named(name).withGit(commit, false, null)
                    .withStartedAt(Instant.ofEpochMilli(1000))).id();
            Path zip = dir.resolve(".mlwb/runs/" + id + "/model.zip");
            Files.createDirectories(zip.getParent());
            try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
                z.putNextEntry(new ZipEntry("model.json"));
                z.write("{\"format\":1,\"task\":\"classification\",\"positive_class\":\"yes\"}"
                        .getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(new ZipEntry("signature.json"));
                z.write(SIG.getBytes(StandardCharsets.UTF_8));
            }
            new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/" + id + "/model.zip",
                    Fingerprints.fingerprint(zip).sha256(), Files.size(zip));
            runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(5000), 0.1);
            registry.register(id, "churn", null, null, false, "ada");
        }
        service = new DeploymentService(catalog, p);
    }

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    private DeployWizardViewModel wizard(String initial) {
        return new DeployWizardViewModel(service, registry, project.config().orElseThrow().config().riskTier(), jobs,
                "ada", initial, null, () -> committed++);
    }

    @Test
    void mlwbYamlsDeploymentSectionIsWhatTheWizardProposes() throws Exception {
        open("low", """
                deployment:
                  targets:
                    - name: prod-eu
                      kind: sagemaker
                      region: eu-west-1
                      instance_type: ml.c5.xlarge
                  default_strategy: blue_green
                """);
        DeployWizardViewModel vm = wizard("churn");
        assertEquals(Strategy.BLUE_GREEN, vm.strategyProperty().get(), "deployment.default_strategy");
        vm.targetProperty().set(DeployTarget.SAGEMAKER);
        assertEquals("ml.c5.xlarge", vm.instanceTypeProperty().get(), "deployment.targets[].instance_type");
        assertEquals("eu-west-1", vm.regionProperty().get());
        assertEquals("eu-west-1", vm.config().region());
        assertTrue(vm.declaredNoteProperty().get().contains("prod-eu"), vm.declaredNoteProperty().get());
        vm.instanceTypeProperty().set("ml.m5.large");
        assertEquals("ml.m5.large", vm.config().instanceType(), "a proposal, not a rule");
        assertEquals("", vm.rollbackNoteProperty().get(), "SageMaker rolls back on its alarms");
        assertTrue(vm.config().rollback().any());
        assertTrue(vm.scales());
        vm.targetProperty().set(DeployTarget.LOCAL);
        assertFalse(vm.scales(), "no replicas on loopback");
        vm.minReplicasProperty().set(0);
        assertNull(vm.config().minReplicas());
        vm.minReplicasProperty().set(1);
        vm.targetProperty().set(DeployTarget.KUBERNETES);
        assertTrue(vm.rollbackNoteProperty().get().contains("no automatic rollback"), vm.rollbackNoteProperty().get());
        assertFalse(vm.config().rollback().any(), "conditions nothing would enforce are not written");
        vm.targetProperty().set(DeployTarget.VERTEX);
        assertNull(vm.regionProperty().get(), "no vertex target declared: the target's default region");
        assertNull(vm.config().region());
        assertEquals("", vm.declaredNoteProperty().get());
    }

    @Test
    void everyStepIsValidatedBeforeNext() throws Exception {
        open("high");
        DeployWizardViewModel vm = wizard("churn");
        assertEquals(List.of("churn@2", "churn@1"), vm.versions(), "newest first");
        assertEquals("churn@2", vm.versionProperty().get(), "a model's name starts at its newest version");
        assertFalse(vm.canNext().get());
        assertTrue(vm.problemProperty().get().contains("risk tier high"), vm.problemProperty().get());
        vm.stagingProperty().set(true);
        assertTrue(vm.canNext().get());
        vm.next();

        assertEquals(Step.FORMAT, vm.stepProperty().get());
        assertEquals(ServingFormat.DJL, vm.formatProperty().get(), "model.zip needs no measuring");
        assertTrue(vm.canNext().get(), vm.problemProperty().get());
        vm.formatProperty().set(ServingFormat.ONNX);
        assertTrue(vm.problemProperty().get().contains("Measure the formats"), vm.problemProperty().get());
        vm.formatProperty().set(ServingFormat.DJL);
        vm.next();

        assertEquals(Step.TARGET, vm.stepProperty().get());
        assertFalse(vm.canNext().get());
        vm.targetProperty().set(DeployTarget.KUBERNETES);
        vm.next();
        assertEquals(2, vm.minReplicasProperty().get(), "kubernetes keeps two replicas");
        vm.minReplicasProperty().set(1);
        assertTrue(vm.problemProperty().get().contains("at least 2"), vm.problemProperty().get());
        vm.minReplicasProperty().set(3);
        vm.maxReplicasProperty().set(2);
        assertTrue(vm.problemProperty().get().contains("Max replicas"), vm.problemProperty().get());
        vm.maxReplicasProperty().set(6);
        assertTrue(vm.canNext().get(), vm.problemProperty().get());
        vm.back();
        vm.targetProperty().set(DeployTarget.VERTEX);
        vm.next();
        vm.metricProperty().set("latency_ms");
        assertTrue(vm.problemProperty().get().contains("Vertex AI does not autoscale on latency"));
        vm.metricProperty().set("cpu");
        vm.next();

        assertEquals(Step.ROLLOUT, vm.stepProperty().get());
        vm.strategyProperty().set(Strategy.A_B);
        assertTrue(vm.problemProperty().get().contains("other version"), vm.problemProperty().get());
        vm.otherVersionProperty().set("churn@1");
        vm.splitThisProperty().set(70);
        assertEquals(30, vm.splitOtherProperty().get(), "the other share follows");
        vm.splitOtherProperty().set(40);
        assertTrue(vm.problemProperty().get().contains("sum to 110"), vm.problemProperty().get());
        vm.splitOtherProperty().set(30);
        assertTrue(vm.canNext().get(), vm.problemProperty().get());
        vm.rollbackOnErrorsProperty().set(true);
        vm.errorRatePercentProperty().set(0);
        assertFalse(vm.canNext().get());
        vm.errorRatePercentProperty().set(2);
        vm.next();

        assertEquals(Step.SECURITY, vm.stepProperty().get());
        assertEquals(List.of("iam"), vm.auths());
        vm.serviceAccountProperty().set("-----BEGIN PRIVATE KEY-----");
        assertFalse(vm.canNext().get());
        vm.serviceAccountProperty().set("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertFalse(vm.canNext().get(), "an AWS secret key shape");
        vm.serviceAccountProperty().set("churn-serving@my-project.iam.gserviceaccount.com");
        assertTrue(vm.canNext().get(), vm.problemProperty().get());
        vm.next();

        // review: the preview, nothing written or recorded
        assertEquals(Step.REVIEW, vm.stepProperty().get());
        assertTrue(vm.files().containsAll(List.of("01-upload-model.json", "03-deploy-model.json", "Dockerfile",
                "README.md")), vm.files().toString());
        assertEquals("01-upload-model.json", vm.selectedFileProperty().get());
        vm.selectedFileProperty().set("03-deploy-model.json");
        assertTrue(vm.fileTextProperty().get().contains("\"trafficSplit\""), vm.fileTextProperty().get());
        assertTrue(Files.notExists(dir.resolve("deploy")));
        assertTrue(service.list(null).isEmpty());
        vm.next();

        // generate
        assertEquals(Step.GENERATE, vm.stepProperty().get());
        assertFalse(vm.canNext().get());
        vm.generate();
        assertEquals(1, committed);
        assertEquals("a-b", vm.deployedProperty().get().deployment().strategy());
        assertTrue(Files.isRegularFile(dir.resolve("deploy/vertex/churn-v2/03-deploy-model.json")));
        assertFalse(vm.canBack().get(), "the files are committed: no going back");
        assertTrue(vm.canNext().get());
        vm.next();
        assertEquals(Step.SMOKE, vm.stepProperty().get());
        assertFalse(vm.canNext().get());
        assertEquals(List.of(), jobs.reported());
    }

    @Test
    void targetsOfferOnlyWhatTheySupport() throws Exception {
        open("low");
        DeployWizardViewModel vm = wizard("churn@1");
        assertTrue(vm.approvalProperty().get().contains("No model card"));
        vm.stagingProperty().set(true);
        vm.targetProperty().set(DeployTarget.SAGEMAKER);
        assertTrue(vm.instanceTypes().contains("ml.m5.large"));
        assertTrue(vm.instanceLabel("ml.m5.large").matches("ml\\.m5\\.large · 2 vCPU · 8 GiB · \\$[0-9.]+/h"),
                vm.instanceLabel("ml.m5.large"));
        vm.serverlessProperty().set(true);
        vm.strategyProperty().set(Strategy.CANARY);
        assertEquals("A serverless endpoint is updated all at once.", vm.validate(Step.ROLLOUT));
        assertNull(vm.validate(Step.COMPUTE), "serverless needs no instance type");
        assertNull(vm.config().instanceType());
        assertEquals(2048, vm.config().serverless().memoryMb());
        vm.targetProperty().set(DeployTarget.KSERVE);
        assertFalse(vm.serverlessProperty().get(), "serverless is SageMaker's");
        assertTrue(DeployWizardViewModel.note(DeployTarget.KSERVE).contains("serverless mode"));
        vm.strategyProperty().set(Strategy.A_B);
        assertTrue(vm.validate(Step.ROLLOUT).contains("kserve target cannot split traffic"));
        vm.targetProperty().set(DeployTarget.LOCAL);
        assertEquals(List.of("none", "api_key"), vm.auths());
        assertTrue(vm.instanceTypes().isEmpty());
        assertNull(vm.validate(Step.COMPUTE));
    }

    @Test
    void aFailedPreviewIsShownInThePaneAndReportedOnce() throws Exception {
        open("medium");
        DeployWizardViewModel vm = wizard("churn@1");
        vm.stagingProperty().set(true);
        vm.next();
        vm.next();
        vm.targetProperty().set(DeployTarget.AZUREML);
        vm.next();
        vm.next();
        vm.next();
        registry.retire(ModelRef.parse("churn@1"), "replaced", ModelRef.parse("churn@2"), "ada");
        vm.next();
        assertEquals(Step.REVIEW, vm.stepProperty().get());
        assertTrue(vm.errorProperty().get().contains("churn@1 is retired"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().contains("churn@2"), "what to do");
        assertFalse(vm.canNext().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(1, jobs.reported().size());
        assertTrue(service.list(null).isEmpty());
    }

    @Test
    void withoutACatalogTheWizardSaysWhy() {
        DeployWizardViewModel vm = new DeployWizardViewModel(null, null, null, new InlineJobs(), "ada", null,
                "The catalog is locked.", null);
        assertEquals("The catalog is locked.", vm.unavailable());
        assertEquals("The catalog is locked.", vm.problemProperty().get());
        assertFalse(vm.canNext().get());
    }
}
