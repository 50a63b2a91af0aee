package io.mlwb.app.modelcard;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.modelcard.CardService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.vcs.Author;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;

/**
 * Model cards in the workbench: the editor kind {@value #KIND} (item id: the model's name), which also opens
 * {@code model-cards/NAME.md} when that file is opened from the project tree; the Project menu's "Model cards…"
 * picker; and the registry pane's Card button ({@link #cardButton}), which writes the card of the selected version
 * first when the model has none. Saves, fills and review decisions act as the git identity, as {@code mlwb card} does.
 */
public final class ModelCardFeature implements Feature {
    /** The card editor's kind; the item's id is the model's name. */
    public static final String KIND = "model.card";
    /** The picker's action id. */
    public static final String OPEN = "modelcard.open";
    /** How long the card file must be quiet after a change before the editor looks at it. */
    static final java.time.Duration WATCH_DEBOUNCE = java.time.Duration.ofMillis(200);
    private static final Pattern CARD_FILE = Pattern.compile(CardService.FOLDER + "/([^/]+)\\.md");

    /** Created by {@link java.util.ServiceLoader}. */
    public ModelCardFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()) || model(ref).isPresent(), 10,
                AppIcon.MODEL_CARD, ModelCardFeature::editor));
        c.action(new ActionSpec(OPEN, Messages.get("modelcard.action.open"), ProjectFeature.MENU, AppIcon.MODEL_CARD,
                null, ActionSpec.needsProject(), ModelCardFeature::pick));
    }

    /**
     * @param model a model's name
     * @return the item that opens its card
     */
    public static ItemRef ref(String model) {
        return new ItemRef(KIND, model);
    }

    /** The model a card item names: its id, or the NAME of a {@code model-cards/NAME.md} file item. */
    private static Optional<String> model(ItemRef ref) {
        if (KIND.equals(ref.kind())) {
            return Optional.of(ref.id());
        }
        if (ItemRef.FILE.equals(ref.kind())) {
            Matcher m = CARD_FILE.matcher(ref.id());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * @param p an open project, or null
     * @return its card service, or null without a project, configuration or catalog
     */
    static CardService service(OpenProject p) {
        if (p == null || p.catalog().isEmpty() || p.config().isEmpty()) {
            return null;
        }
        if (p.review().isPresent()) {
            // review mode: the revision's cards are read, never edited, and their review state is not settled
            return CardService.atRevision(p.catalog().get(), p.config().get(), p.review().get().revision());
        }
        return new CardService(p.catalog().get(), p.config().get());
    }

    private static String why(OpenProject p) {
        if (p == null) {
            return Messages.get("modelcard.noProject");
        }
        return p.catalog().isEmpty() ? p.catalogMessage() : p.config().isEmpty()
                ? Messages.get("modelcard.noConfig") : null;
    }

    /** @return the git identity, as {@code mlwb card} acts (read when called: in a job) */
    static Supplier<Author> identity(OpenProject p) {
        return () -> {
            if (p != null && p.repo() != null) {
                return p.repo().author();
            }
            String name = System.getProperty("user.name", "unknown");
            return new Author(name, name + "@localhost");
        };
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        String model = model(ref).orElseThrow();
        CardEditorViewModel vm = new CardEditorViewModel(service(p), ctx.jobs(), model, identity(p), why(p));
        boolean[] closed = {false};
        Node node = CardEditorView.create(vm, ctx::window);
        vm.load();
        // the CLI may fill, submit or approve meanwhile: read the review state again, keeping unsaved edits
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(batch -> vm.refreshState());
        // another editor or a checkout may change the file: reload it, or ask when there are unsaved edits
        CardFileWatcher watcher = p == null || p.readOnly() ? null : new CardFileWatcher(p.root().resolve(
                CardService.FOLDER).resolve(model + ".md"), WATCH_DEBOUNCE, text -> Platform.runLater(() -> {
                    if (!closed[0]) {
                        vm.fileChanged(text);
                    }
                }));
        if (watcher != null) {
            watcher.start();
        }
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.format("modelcard.tabTitle", model);
            }

            @Override
            public ObservableBooleanValue dirty() {
                return vm.dirtyProperty();
            }

            @Override
            public void save(java.util.function.Consumer<Boolean> done) {
                vm.reparse(); // the source's last keystrokes count
                vm.save(done);
            }

            @Override
            public void dispose() {
                closed[0] = true;
                changes.close();
                if (watcher != null) {
                    watcher.close();
                }
            }
        };
    }

    /** Project ▸ Model cards…: lists {@code model-cards/*.md} (in the background) and opens the one picked. */
    private static void pick(WorkbenchContext ctx) {
        OpenProject p = ctx.project().orElse(null);
        if (p == null) {
            return;
        }
        Path folder = p.root().resolve(CardService.FOLDER);
        ctx.jobs().run(Messages.get("modelcard.job.list"), progress -> {
            if (!Files.isDirectory(folder)) {
                return List.<String>of();
            }
            try (Stream<Path> s = Files.list(folder)) {
                return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md"))
                        .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            }
        }, models -> {
            if (models.isEmpty()) {
                Alert a = new Alert(Alert.AlertType.INFORMATION, Messages.get("modelcard.pick.none"));
                a.initOwner(ctx.window());
                a.setHeaderText(Messages.get("modelcard.pick.title"));
                a.showAndWait();
                return;
            }
            ChoiceDialog<String> d = new ChoiceDialog<>(models.get(0), models);
            d.initOwner(ctx.window());
            d.setTitle(Messages.get("modelcard.pick.title"));
            d.setHeaderText(Messages.get("modelcard.pick.header"));
            d.showAndWait().ifPresent(m -> ctx.open(ref(m)));
        }, e -> {
            // reported by the runner
        });
    }

    /**
     * A "Card" button for the registry pane: opens the model's card, first writing it ({@link CardService#create}) for
     * the selected version when the model has no card file. It finds the workbench through the pane's root, marked
     * as {@code io.mlwb.app.registry.RegistryFeature#provideContext} does.
     *
     * @param selected the selected version, or null
     * @return the button
     */
    public static Button cardButton(Supplier<ModelVersion> selected) {
        Button b = new Button(Messages.get("modelcard.registry.card"), AppIcon.MODEL_CARD.node());
        b.setId("modelCardButton");
        b.setTooltip(new javafx.scene.control.Tooltip(Messages.get("modelcard.registry.card.tip")));
        b.setOnAction(e -> {
            ModelVersion v = selected.get();
            WorkbenchContext ctx = contextOf(b);
            if (v == null || ctx == null) {
                return;
            }
            openOrCreate(ctx, v);
        });
        return b;
    }

    /**
     * Opens the card of {@code v}'s model, writing it for {@code v} first when there is none.
     *
     * @param ctx the workbench
     * @param v   the version
     */
    public static void openOrCreate(WorkbenchContext ctx, ModelVersion v) {
        OpenProject p = ctx.project().orElse(null);
        CardService cards = service(p);
        if (cards == null) {
            ctx.errors().warning(Messages.get("modelcard.registry.card"), why(p), "");
            return;
        }
        Supplier<Author> who = identity(p);
        ctx.jobs().run(Messages.format("modelcard.job.create", v.ref()), progress -> {
            if (!Files.exists(cards.file(v.model()))) {
                cards.create(new ModelRef(v.model(), v.version(), null), who.get());
            }
            return v.model();
        }, model -> ctx.open(ref(model)), e -> {
            // reported by the runner (a retired version, a card recorded elsewhere)
        });
    }

    private static WorkbenchContext contextOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getProperties().get(WorkbenchContext.class) instanceof WorkbenchContext ctx) {
                return ctx;
            }
        }
        return null;
    }
}
