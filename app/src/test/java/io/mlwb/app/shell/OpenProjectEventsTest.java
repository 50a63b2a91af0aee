package io.mlwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Catalog changes made by another writer reach an {@link OpenProject} subscriber on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class OpenProjectEventsTest {
    @TempDir
    Path dir;

    private OpenProject project;
    /** Touched on the FX thread only (the subscriber's), read after a round trip through it. */
    private final List<CatalogEvent> received = new ArrayList<>();
    private final List<Boolean> onFx = new ArrayList<>();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 50));
        stage.show();
    }

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    private OpenProject openProject() throws Exception {
        GitRepo.init(dir).close();
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: demo\n", StandardCharsets.UTF_8);
        project = OpenProject.open(dir);
        return project;
    }

    private void record(List<CatalogEvent> batch) {
        received.addAll(batch);
        onFx.add(Platform.isFxApplicationThread());
    }

    private List<CatalogEvent> receivedOnFx() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(received)).get();
    }

    private static long writeRunElsewhere(Path catalogFile, String name) {
        try (Catalog other = Catalog.open(catalogFile)) {   // a second instance, as the CLI would be
            return new RunRepository(other).create(NewRun.named(name)).id();
        }
    }

    @Test
    void aWriteByAnotherCatalogInstanceArrivesOnTheFxThread() throws Exception {
        Path file = openProject().catalog().orElseThrow().file();
        project.onCatalogChange(this::record);
        long id = writeRunElsewhere(file, "from the CLI");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> receivedOnFx().contains(new CatalogEvent.RunCreated(id)));
        assertEquals(List.of(new CatalogEvent.RunCreated(id)), receivedOnFx());
        assertTrue(WaitForAsyncUtils.asyncFx(() -> onFx.stream().allMatch(b -> b)).get());
    }

    @Test
    void closingTheProjectEndsItsSubscriptions() throws Exception {
        Path file = openProject().catalog().orElseThrow().file();
        project.onCatalogChange(this::record);
        List<CatalogEvent> stillHere = new ArrayList<>();
        Subscription other = project.onCatalogChange(Runnable::run, batch -> {
            synchronized (stillHere) {
                stillHere.addAll(batch);
            }
        });
        other.close();
        project.close();
        long id = writeRunElsewhere(file, "after close");
        Thread.sleep(1_000);   // several polls: nothing may arrive
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(receivedOnFx().isEmpty(), () -> "got " + received + " for run " + id);
        synchronized (stillHere) {
            assertTrue(stillHere.isEmpty());
        }
    }

    @Test
    void aBrokenCatalogGivesASubscriptionThatNeverFires() throws Exception {
        GitRepo.init(dir).close();
        Files.createDirectories(dir.resolve(".mlwb"));
        Files.writeString(dir.resolve(".mlwb/catalog.db"), "this is not a SQLite database, just text long enough");
        project = OpenProject.open(dir);
        assertEquals(CatalogState.ERROR, project.catalogState());
        assertSame(Subscription.NONE, project.onCatalogChange(this::record));
        assertSame(Subscription.NONE, project.onCatalogChange(Runnable::run, this::record));
    }
}
