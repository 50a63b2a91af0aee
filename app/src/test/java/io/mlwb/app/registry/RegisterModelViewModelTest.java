package io.mlwb.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.nio.file.Path;
import io.mlwb.core.project.NamingRules;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Register model dialog's state over a real catalog and git repository: names offered, input checked as typed,
 * a registration with alias and description, a breaking signature refused without a report and registered on
 * "Register anyway", any other refusal reported once.
 */
class RegisterModelViewModelTest {
    @TempDir
    Path dir;
    private RegistryProject p;
    private InlineJobs jobs;

    @BeforeEach
    void project() throws Exception {
        p = new RegistryProject(dir);
        jobs = new InlineJobs();
    }

    @AfterEach
    void close() {
        p.close();
    }

    private RegisterModelViewModel vm(long run) {
        RegisterModelViewModel vm = new RegisterModelViewModel(p.registry(), p.catalog, jobs, run, "ada",
                NamingRules.none());
        vm.load();
        return vm;
    }

    @Test
    void aFirstVersionIsRegisteredWithItsAliasAndDescription() throws Exception {
        long run = p.run("baseline", RegistryProject.SIG, 0.1);
        RegisterModelViewModel vm = vm(run);
        assertEquals(List.of(), vm.knownNames());
        assertEquals(Messages.format("registry.register.run", run, "baseline"), vm.runLabelProperty().get());
        assertEquals("", vm.problemProperty().get(), "nothing typed is not an error");
        assertFalse(vm.canRegisterProperty().get(), "but there is nothing to register under");
        assertEquals("", vm.namingHint());
        vm.nameProperty().set("churn model");
        assertEquals(Messages.format("registry.register.badName", "churn model"), vm.problemProperty().get());
        vm.nameProperty().set("churn");
        vm.aliasProperty().set("Champion");
        assertEquals(Messages.format("registry.alias.bad", "Champion"), vm.problemProperty().get());
        vm.aliasProperty().set("champion");
        vm.descriptionProperty().set("  first try ");
        assertEquals("", vm.problemProperty().get());
        assertTrue(vm.canRegisterProperty().get());
        vm.register();
        ModelRegistry.Registration r = vm.registeredProperty().get();
        assertNotNull(r);
        assertEquals("churn@1", r.version().ref());
        ModelVersion v = p.registry().resolve(ModelRef.parse("churn@champion"));
        assertEquals("first try", v.description());
        assertEquals("ada", v.createdBy());
        assertEquals("model/churn/v1", v.gitTag());
        assertFalse(vm.canRegisterProperty().get(), "once registered, the dialog is done");
        assertTrue(jobs.reported().isEmpty());
    }

    @Test
    void aBreakingSignatureIsListedNotReportedAndRegisteredOnlyWhenAskedAgain() throws Exception {
        p.registry().register(p.run("a", RegistryProject.SIG, null), "churn", null, null, false, "ada");
        long next = p.run("b", RegistryProject.RETYPED, null);
        RegisterModelViewModel vm = vm(next);
        assertEquals(List.of("churn"), vm.knownNames());
        assertEquals("churn", vm.nameProperty().get(), "the registered name is proposed");
        vm.register();
        assertNull(vm.registeredProperty().get());
        assertEquals(List.of("inputs.plan: kind categorical → numeric (breaking)"), vm.breakingChanges());
        assertTrue(vm.messageProperty().get().contains("would break the callers of churn@1"),
                vm.messageProperty().get());
        assertTrue(jobs.reported().isEmpty(), "an expected refusal, not a failure: " + jobs.reported());
        assertEquals(1, p.registry().model("churn").orElseThrow().versions().size(), "nothing registered");
        vm.registerAnyway();
        assertEquals("churn@2", vm.registeredProperty().get().version().ref());
        assertTrue(vm.breakingChanges().isEmpty());
        assertTrue(io.mlwb.tracking.registry.SignatureCheck.breaking(vm.registeredProperty().get()
                .signatureChanges()));
    }

    @Test
    void anotherNameClearsTheRefusal() throws Exception {
        p.registry().register(p.run("a", RegistryProject.SIG, null), "churn", null, null, false, "ada");
        RegisterModelViewModel vm = vm(p.run("b", RegistryProject.RETYPED, null));
        vm.register();
        assertFalse(vm.breakingChanges().isEmpty());
        vm.nameProperty().set("churn-v2");
        assertTrue(vm.breakingChanges().isEmpty());
        vm.register();
        assertEquals("churn-v2@1", vm.registeredProperty().get().version().ref());
    }

    @Test
    void theProjectsNamingRuleIsCheckedAsTyped() throws Exception {
        long run = p.run("a", RegistryProject.SIG, null);
        NamingRules rule = new NamingRules(Pattern.compile("[a-z][a-z0-9-]{2,40}"), null, null);
        RegisterModelViewModel vm = new RegisterModelViewModel(p.registry(), p.catalog, jobs, run, "ada", rule);
        assertEquals(Messages.format("registry.register.naming", "[a-z][a-z0-9-]{2,40}"), vm.namingHint());
        assertTrue(vm.namingHint().endsWith("project's model names match naming.model: [a-z][a-z0-9-]{2,40}"),
                vm.namingHint());
        vm.nameProperty().set("Credit_Risk");
        assertTrue(vm.problemProperty().get().contains("naming.model"), vm.problemProperty().get());
        assertFalse(vm.canRegisterProperty().get());
        vm.nameProperty().set("credit-risk");
        assertTrue(vm.canRegisterProperty().get());
    }

    @Test
    void anUnfinishedRunIsRefusedAndReportedOnce() {
        RunRepository runs = new RunRepository(p.catalog);
        long live = runs.create(NewRun.named("live")).id();
        runs.setStatus(live, RunStatus.RUNNING);
        RegisterModelViewModel vm = vm(live);
        vm.nameProperty().set("churn");
        vm.register();
        assertNull(vm.registeredProperty().get());
        assertEquals(1, jobs.reported().size());
        assertTrue(vm.messageProperty().get().contains("only a finished run"), vm.messageProperty().get());
        assertTrue(vm.breakingChanges().isEmpty());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.canRegisterProperty().get(), "it may be tried again");
    }
}
