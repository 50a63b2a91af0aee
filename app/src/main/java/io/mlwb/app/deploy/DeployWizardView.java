package io.mlwb.app.deploy;

import io.mlwb.app.deploy.DeployWizardViewModel.Step;
import io.mlwb.app.ui.Messages;
import io.mlwb.app.ui.Views;
import io.mlwb.deploy.SmokeTestResult;
import io.mlwb.deploy.DeployResult;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.Strategy;
import io.mlwb.deploy.export.ServingFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.Property;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The deployment wizard's view: binds {@code DeployWizardView.fxml} to {@link DeployWizardViewModel} and forwards
 * clicks. Only the current step's page is shown; Next is enabled when the view model says the step is complete, and
 * the reason it is not is shown beside it.
 */
public final class DeployWizardView {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");
    private static final PseudoClass LOSS = PseudoClass.getPseudoClass("loss");

    private final DeployWizardViewModel vm;
    /** Bidirectional bindings hold their ends weakly: the adapters live as long as the view. */
    private final List<Property<?>> keep = new ArrayList<>();

    @FXML private Label titleLabel;
    @FXML private Label stepVERSION;
    @FXML private Label stepFORMAT;
    @FXML private Label stepTARGET;
    @FXML private Label stepCOMPUTE;
    @FXML private Label stepROLLOUT;
    @FXML private Label stepSECURITY;
    @FXML private Label stepREVIEW;
    @FXML private Label stepGENERATE;
    @FXML private Label stepSMOKE;
    @FXML private ScrollPane pageScroll;
    @FXML private StackPane pageStack;
    @FXML private VBox pageVERSION;
    @FXML private VBox pageFORMAT;
    @FXML private Button measureButton;
    @FXML private Button measureCancelButton;
    @FXML private ProgressBar formatProgress;
    @FXML private Label formatProgressLabel;
    @FXML private Label runMetricLabel;
    @FXML private TableView<FormatRow> formatTable;
    @FXML private TableColumn<FormatRow, String> formatCol;
    @FXML private TableColumn<FormatRow, String> sizeCol;
    @FXML private TableColumn<FormatRow, String> p50Col;
    @FXML private TableColumn<FormatRow, String> batchCol;
    @FXML private TableColumn<FormatRow, String> metricCol;
    @FXML private TableColumn<FormatRow, String> changeCol;
    @FXML private TableColumn<FormatRow, String> noteCol;
    @FXML private ComboBox<ServingFormat> formatBox;
    @FXML private Label formatNote;
    @FXML private VBox pageTARGET;
    @FXML private VBox pageCOMPUTE;
    @FXML private VBox pageROLLOUT;
    @FXML private VBox pageSECURITY;
    @FXML private VBox pageREVIEW;
    @FXML private VBox pageGENERATE;
    @FXML private VBox pageSMOKE;
    @FXML private ComboBox<String> versionBox;
    @FXML private Label approvalLabel;
    @FXML private Label riskLabel;
    @FXML private CheckBox stagingCheck;
    @FXML private Label stagingBadge;
    @FXML private RadioButton targetLocal;
    @FXML private RadioButton targetSagemaker;
    @FXML private RadioButton targetVertex;
    @FXML private RadioButton targetAzureml;
    @FXML private RadioButton targetKubernetes;
    @FXML private RadioButton targetKserve;
    @FXML private Label targetNote;
    @FXML private VBox serverlessBox;
    @FXML private CheckBox serverlessCheck;
    @FXML private ComboBox<Integer> memoryBox;
    @FXML private Spinner<Integer> concurrencySpinner;
    @FXML private Label serverlessCaveat;
    @FXML private ComboBox<String> instanceBox;
    @FXML private Label instanceNote;
    @FXML private Label minLabel;
    @FXML private Label maxLabel;
    @FXML private Label metricLabel;
    @FXML private Label metricTargetLabel;
    @FXML private Spinner<Integer> minSpinner;
    @FXML private Spinner<Integer> maxSpinner;
    @FXML private ComboBox<String> metricBox;
    @FXML private Spinner<Double> metricSpinner;
    @FXML private ComboBox<Strategy> strategyBox;
    @FXML private Label percentLabel;
    @FXML private Spinner<Integer> percentSpinner;
    @FXML private Label bakeLabel;
    @FXML private Spinner<Integer> bakeSpinner;
    @FXML private Label otherLabel;
    @FXML private ComboBox<String> otherBox;
    @FXML private Label splitThisLabel;
    @FXML private Spinner<Integer> splitThisSpinner;
    @FXML private Label splitOtherLabel;
    @FXML private Spinner<Integer> splitOtherSpinner;
    @FXML private CheckBox errorCheck;
    @FXML private Spinner<Double> errorSpinner;
    @FXML private CheckBox latencyCheck;
    @FXML private Label rollbackNote;
    @FXML private Spinner<Double> latencySpinner;
    @FXML private ComboBox<String> authBox;
    @FXML private ComboBox<String> exposureBox;
    @FXML private TextField identityField;
    @FXML private Label folderLabel;
    @FXML private ListView<String> fileList;
    @FXML private TextArea fileArea;
    @FXML private Label warningsLabel;
    @FXML private Button generateButton;
    @FXML private Label generatedLabel;
    @FXML private Label commitLabel;
    @FXML private Label generatedWarnings;
    @FXML private Button smokeButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label matchLabel;
    @FXML private Label smokeFormatLabel;
    @FXML private Label healthLabel;
    @FXML private Label p50Label;
    @FXML private Label p95Label;
    @FXML private Label p99Label;
    @FXML private Label throughputLabel;
    @FXML private Spinner<Integer> trafficSpinner;
    @FXML private Label costLabel;
    @FXML private Label errorLabel;
    @FXML private Label problemLabel;
    @FXML private Button backButton;
    @FXML private Button nextButton;

    private DeployWizardView(DeployWizardViewModel vm) {
        this.vm = vm;
    }

    /**
     * @param vm the wizard's state
     * @return the wizard's root node
     */
    public static Parent create(DeployWizardViewModel vm) {
        return Views.load(new DeployWizardView(vm));
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("deploy.wizard.title")
                + (vm.versionProperty().get() == null ? "" : " " + vm.versionProperty().get()), vm.versionProperty()));
        Map<Step, Label> steps = new EnumMap<>(Map.of(Step.VERSION, stepVERSION, Step.TARGET, stepTARGET,
                Step.COMPUTE, stepCOMPUTE, Step.ROLLOUT, stepROLLOUT, Step.SECURITY, stepSECURITY, Step.REVIEW,
                stepREVIEW, Step.GENERATE, stepGENERATE, Step.SMOKE, stepSMOKE));
        steps.put(Step.FORMAT, stepFORMAT);
        Map<Step, VBox> pages = new EnumMap<>(Map.of(Step.VERSION, pageVERSION, Step.TARGET, pageTARGET,
                Step.COMPUTE, pageCOMPUTE, Step.ROLLOUT, pageROLLOUT, Step.SECURITY, pageSECURITY, Step.REVIEW,
                pageREVIEW, Step.GENERATE, pageGENERATE, Step.SMOKE, pageSMOKE));
        pages.put(Step.FORMAT, pageFORMAT);
        Runnable showStep = () -> {
            Step now = vm.stepProperty().get();
            steps.forEach((s, l) -> {
                l.pseudoClassStateChanged(CURRENT, s == now);
                l.pseudoClassStateChanged(DONE, s.ordinal() < now.ordinal());
            });
            // only the current page's height counts for the scroll pane's extent (hidden pages stay managed, so that
            // they are laid out at the editor's width: the review's split keeps its divider), and each opens at its top
            pages.forEach((s, p) -> {
                p.setVisible(s == now);
                p.setMinHeight(s == now ? Region.USE_COMPUTED_SIZE : 0);
            });
            pageScroll.setVvalue(0);
        };
        pageScroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        vm.stepProperty().addListener((o, was, is) -> showStep.run());
        showStep.run();

        // 1. version
        versionBox.setItems(vm.versions());
        versionBox.valueProperty().bindBidirectional(vm.versionProperty());
        approvalLabel.textProperty().bind(vm.approvalProperty());
        showIf(approvalLabel, approvalLabel.textProperty().isNotEmpty());
        riskLabel.setText(Messages.format("deploy.version.risk", vm.tier().name().toLowerCase(Locale.ROOT)));
        stagingCheck.selectedProperty().bindBidirectional(vm.stagingProperty());
        showIf(stagingBadge, vm.stagingProperty());

        // 1b. serving format
        measureButton.disableProperty().bind(vm.busyProperty().or(vm.versionProperty().isNull()));
        measureCancelButton.disableProperty().bind(vm.measuringProperty().not());
        formatProgress.progressProperty().bind(vm.progressProperty());
        formatProgressLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.stepProperty().get()
                == Step.FORMAT ? vm.progressTextProperty().get() : "", vm.progressTextProperty(), vm.stepProperty()));
        runMetricLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            var c = vm.comparisonProperty().get();
            return c == null ? "" : Messages.format("deploy.format.run", DeployWizardViewModel.metricName(c.metric()),
                    String.format(Locale.ROOT, "%.5f", c.runMetric()), c.testRows());
        }, vm.comparisonProperty()));
        metricCol.textProperty().bind(Bindings.createStringBinding(() -> vm.comparisonProperty().get() == null
                ? "AUC" : DeployWizardViewModel.metricName(vm.comparisonProperty().get().metric()),
                vm.comparisonProperty()));
        formatTable.setItems(vm.formatRows());
        formatTable.setPlaceholder(new Label(Messages.get("deploy.format.empty")));
        formatTable.getStyleClass().addAll(atlantafx.base.theme.Styles.STRIPED, atlantafx.base.theme.Styles.DENSE);
        formatTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(formatCol, FormatRow::label);
        column(sizeCol, FormatRow::size);
        column(p50Col, FormatRow::p50);
        column(batchCol, FormatRow::batch);
        column(metricCol, FormatRow::metric);
        column(changeCol, FormatRow::change);
        column(noteCol, FormatRow::note);
        noteCol.setCellFactory(c -> new TableCell<>() {     // a long path or reason is cut: the tooltip has it all
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                FormatRow row = getTableRow() == null ? null : getTableRow().getItem();
                // a file's name is at the end of its path; a reason starts with what matters
                setTextOverrun(row != null && row.available() ? OverrunStyle.LEADING_ELLIPSIS : OverrunStyle.ELLIPSIS);
                setTooltip(empty || text == null || text.isEmpty() ? null : wrapped(new Tooltip(text)));
            }
        });
        formatTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(FormatRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(UNAVAILABLE, !empty && r != null && !r.available());
                pseudoClassStateChanged(LOSS, !empty && r != null && r.notableLoss());
            }
        });
        formatBox.setItems(vm.formatChoices());
        formatBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(ServingFormat f) {
                return f == null ? "" : f.label();
            }

            @Override
            public ServingFormat fromString(String s) {
                return null;
            }
        });
        formatBox.valueProperty().bindBidirectional(vm.formatProperty());
        formatBox.disableProperty().bind(vm.busyProperty());
        formatNote.textProperty().bind(vm.formatNoteProperty());
        showIf(formatNote, vm.formatNoteProperty().isNotEmpty());

        // 2. target
        ToggleGroup targets = new ToggleGroup();
        Map<DeployTarget, RadioButton> radios = new EnumMap<>(Map.of(DeployTarget.LOCAL, targetLocal,
                DeployTarget.SAGEMAKER, targetSagemaker, DeployTarget.VERTEX, targetVertex, DeployTarget.AZUREML,
                targetAzureml, DeployTarget.KUBERNETES, targetKubernetes, DeployTarget.KSERVE, targetKserve));
        radios.forEach((t, r) -> {
            r.setToggleGroup(targets);
            r.setUserData(t);
        });
        targets.selectedToggleProperty().addListener((o, was, is) -> {
            if (is != null) {
                vm.targetProperty().set((DeployTarget) is.getUserData());
            }
        });
        vm.targetProperty().addListener((o, was, is) -> targets.selectToggle(is == null ? null : radios.get(is)));
        if (vm.targetProperty().get() != null) {
            targets.selectToggle(radios.get(vm.targetProperty().get()));
        }
        targetNote.textProperty().bind(Bindings.createStringBinding(() -> DeployWizardViewModel.note(
                vm.targetProperty().get()), vm.targetProperty()));
        showIf(serverlessBox, vm.targetProperty().isEqualTo(DeployTarget.SAGEMAKER));
        serverlessCheck.selectedProperty().bindBidirectional(vm.serverlessProperty());
        memoryBox.getItems().setAll(DeployWizardViewModel.SERVERLESS_MEMORY);
        memoryBox.valueProperty().bindBidirectional(keep(vm.serverlessMemoryProperty().asObject()));
        memoryBox.disableProperty().bind(vm.serverlessProperty().not());
        ints(concurrencySpinner, 1, 200, 1, vm.serverlessConcurrencyProperty());
        concurrencySpinner.disableProperty().bind(vm.serverlessProperty().not());
        showIf(serverlessCaveat, vm.serverlessProperty());

        // 3. compute
        instanceBox.setItems(vm.instanceTypes());
        instanceBox.setConverter(keyed(vm::instanceLabel));
        instanceBox.valueProperty().bindBidirectional(vm.instanceTypeProperty());
        instanceBox.disableProperty().bind(Bindings.isEmpty(vm.instanceTypes()).or(vm.serverlessProperty()
                .and(vm.targetProperty().isEqualTo(DeployTarget.SAGEMAKER))));
        instanceNote.textProperty().bind(Bindings.createStringBinding(() -> vm.serverlessProperty().get()
                && vm.targetProperty().get() == DeployTarget.SAGEMAKER ? Messages.get("deploy.compute.serverless")
                : vm.instanceTypes().isEmpty() ? Messages.get("deploy.compute.noInstance")
                : vm.declaredNoteProperty().get(),
                vm.serverlessProperty(), vm.targetProperty(), vm.instanceTypes(), vm.declaredNoteProperty()));
        showIf(instanceNote, instanceNote.textProperty().isNotEmpty());
        ints(minSpinner, 0, 1000, 1, vm.minReplicasProperty());
        ints(maxSpinner, 0, 1000, 1, vm.maxReplicasProperty());
        metricBox.getItems().setAll(DeployWizardViewModel.METRICS);
        metricBox.setConverter(keyed(m -> Messages.get("deploy.compute.metric." + m)));
        metricBox.valueProperty().bindBidirectional(vm.metricProperty());
        doubles(metricSpinner, 0, 1e7, 10, vm.metricTargetProperty());
        // local and SageMaker serverless have no replicas to choose: those rows go (compactRows closes the gap)
        javafx.beans.binding.BooleanBinding scales = Bindings.createBooleanBinding(vm::scales, vm.targetProperty(),
                vm.serverlessProperty());
        for (javafx.scene.Node n : List.of(minLabel, minSpinner, maxLabel, maxSpinner, metricLabel, metricBox,
                metricTargetLabel, metricSpinner)) {
            showIf(n, scales);
        }

        // 4. rollout
        strategyBox.getItems().setAll(Strategy.values());
        strategyBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Strategy s) {
                return s == null ? "" : Messages.get("deploy.rollout." + s.id());
            }

            @Override
            public Strategy fromString(String s) {
                return null;
            }
        });
        strategyBox.valueProperty().bindBidirectional(vm.strategyProperty());
        var canary = vm.strategyProperty().isEqualTo(Strategy.CANARY);
        var bake = canary.or(vm.strategyProperty().isEqualTo(Strategy.BLUE_GREEN));
        var ab = vm.strategyProperty().isEqualTo(Strategy.A_B);
        ints(percentSpinner, 0, 100, 5, vm.canaryPercentProperty());
        ints(bakeSpinner, 0, 1440, 5, vm.bakeMinutesProperty());
        showIf(percentLabel, canary);
        showIf(percentSpinner, canary);
        showIf(bakeLabel, bake);
        showIf(bakeSpinner, bake);
        otherBox.setItems(vm.otherVersions());
        otherBox.valueProperty().bindBidirectional(vm.otherVersionProperty());
        ints(splitThisSpinner, 0, 100, 5, vm.splitThisProperty());
        ints(splitOtherSpinner, 0, 100, 5, vm.splitOtherProperty());
        for (javafx.scene.Node n : List.of(otherLabel, otherBox, splitThisLabel, splitThisSpinner, splitOtherLabel,
                splitOtherSpinner)) {
            showIf(n, ab);
        }
        errorCheck.selectedProperty().bindBidirectional(vm.rollbackOnErrorsProperty());
        doubles(errorSpinner, 0, 100, 0.5, vm.errorRatePercentProperty());
        errorSpinner.disableProperty().bind(vm.rollbackOnErrorsProperty().not()
                .or(vm.rollbackNoteProperty().isNotEmpty()));
        latencyCheck.selectedProperty().bindBidirectional(vm.rollbackOnLatencyProperty());
        doubles(latencySpinner, 0, 60_000, 50, vm.p99LatencyMsProperty());
        latencySpinner.disableProperty().bind(vm.rollbackOnLatencyProperty().not()
                .or(vm.rollbackNoteProperty().isNotEmpty()));
        errorCheck.disableProperty().bind(vm.rollbackNoteProperty().isNotEmpty());
        latencyCheck.disableProperty().bind(vm.rollbackNoteProperty().isNotEmpty());
        rollbackNote.textProperty().bind(vm.rollbackNoteProperty());
        showIf(rollbackNote, vm.rollbackNoteProperty().isNotEmpty());

        // 5. security
        authBox.setItems(vm.auths());
        authBox.valueProperty().bindBidirectional(vm.authProperty());
        exposureBox.getItems().setAll("private", "public");
        exposureBox.setConverter(keyed(e -> Messages.get("deploy.security." + e)));
        exposureBox.valueProperty().bindBidirectional(vm.exposureProperty());
        identityField.textProperty().bindBidirectional(vm.serviceAccountProperty());

        // 6. review
        folderLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.previewProperty().get() == null ? ""
                : Messages.format("deploy.review.folder", vm.previewProperty().get().folder()),
                vm.previewProperty()));
        fileList.setItems(vm.files());
        fileList.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                vm.selectedFileProperty().set(is);
            }
        });
        vm.selectedFileProperty().addListener((o, was, is) -> fileList.getSelectionModel().select(is));
        fileArea.textProperty().bind(vm.fileTextProperty());
        warningsLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n",
                vm.warnings().stream().map(w -> "• " + w).toList()), vm.warnings()));

        // 7. generate
        generateButton.disableProperty().bind(vm.busyProperty().or(vm.deployedProperty().isNotNull())
                .or(vm.previewProperty().isNull()));
        vm.deployedProperty().addListener((o, was, is) -> showDeployed(is));
        generatedWarnings.textProperty().bind(warningsLabel.textProperty());
        showIf(generatedLabel, generatedLabel.textProperty().isNotEmpty());
        showIf(commitLabel, commitLabel.textProperty().isNotEmpty());

        // 8. smoke test
        smokeButton.disableProperty().bind(vm.busyProperty().or(vm.deployedProperty().isNull()));
        cancelButton.disableProperty().bind(vm.busyProperty().not().or(vm.stepProperty().isNotEqualTo(Step.SMOKE)));
        progressBar.progressProperty().bind(vm.progressProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());
        vm.smokeProperty().addListener((o, was, is) -> showSmoke(is));
        trafficSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 2_000_000_000,
                (int) vm.trafficPerMonthProperty().get(), 100_000));
        trafficSpinner.valueProperty().addListener((o, was, is) -> vm.trafficPerMonthProperty().set(is));
        costLabel.textProperty().bind(vm.costProperty());

        // navigation
        problemLabel.textProperty().bind(vm.problemProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        showIf(errorLabel, vm.errorProperty().isNotEmpty());
        backButton.disableProperty().bind(vm.canBack().not());
        nextButton.disableProperty().bind(vm.canNext().not());
        nextButton.visibleProperty().bind(vm.stepProperty().isNotEqualTo(Step.SMOKE));
        nextButton.managedProperty().bind(nextButton.visibleProperty());

        fitWrappedText(pageStack);
    }

    /**
     * A wrapped label may not be squeezed below the height of its wrapped text (the pages scroll instead), and a
     * form's rows that are all hidden take no room.
     */
    private static void fitWrappedText(Parent parent) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof Label l && l.isWrapText()) {
                l.setMinHeight(Region.USE_PREF_SIZE);
            }
            if (n instanceof GridPane g) {
                compactRows(g);
            }
            if (n instanceof Parent p && !(n instanceof javafx.scene.control.Control)) {
                fitWrappedText(p);
            }
        }
    }

    /**
     * Renumbers a form's rows so that rows whose nodes are all hidden (unmanaged) leave no gap: a GridPane keeps its
     * vgap around an empty row, so a strategy with three hidden rows opened a hole of three gaps.
     */
    private static void compactRows(GridPane grid) {
        Map<Node, Integer> row = new IdentityHashMap<>();
        for (Node n : grid.getChildren()) {
            Integer r = GridPane.getRowIndex(n);
            row.put(n, r == null ? 0 : r);
        }
        Runnable compact = () -> {
            TreeSet<Integer> shown = new TreeSet<>();
            row.forEach((n, r) -> {
                if (n.isManaged()) {
                    shown.add(r);
                }
            });
            row.forEach((n, r) -> GridPane.setRowIndex(n, shown.headSet(r).size()));
        };
        row.keySet().forEach(n -> n.managedProperty().addListener((o, was, is) -> compact.run()));
        compact.run();
    }

    private void showDeployed(DeployResult r) {
        if (r == null) {
            generatedLabel.setText("");
            commitLabel.setText("");
            return;
        }
        generatedLabel.setText(Messages.format("deploy.generate.done", r.deployment().id(), r.deployment().ref(),
                r.deployment().target(), r.folder()));
        commitLabel.setText(r.deployment().commitSha() == null ? Messages.get("deploy.generate.noCommit")
                : Messages.format("deploy.generate.commit", r.deployment().commitSha()));
    }

    private void showSmoke(SmokeTestResult r) {
        if (r == null) {
            matchLabel.setText("");
            smokeFormatLabel.setText("");
            healthLabel.setText("");
            for (Label l : List.of(p50Label, p95Label, p99Label, throughputLabel)) {
                l.setText("");
            }
            return;
        }
        boolean int8 = r.metric() != null;
        smokeFormatLabel.setText(int8 ? Messages.format("deploy.smoke.formatInt8", ServingFormat.parse(r.format())
                .label(), String.format(Locale.ROOT, "%.3g", r.tolerance()), r.labelFlips(),
                DeployWizardViewModel.metricName(r.metric()), String.format(Locale.ROOT, "%+.5f", r.metricChange()))
                : Messages.format("deploy.smoke.format", ServingFormat.parse(r.format()).label(),
                String.format(Locale.ROOT, "%.0e", r.tolerance())));
        matchLabel.pseudoClassStateChanged(PASSED, r.passed());
        matchLabel.pseudoClassStateChanged(FAILED, !r.passed());
        matchLabel.setText(r.passed() ? Messages.format(int8 ? "deploy.smoke.passedInt8" : "deploy.smoke.passed",
                r.rows())
                : Messages.format("deploy.smoke.failed", r.mismatches(), r.rows(), r.firstMismatches().isEmpty()
                ? "" : r.firstMismatches().get(0).describe()));
        healthLabel.setText(Messages.format("deploy.smoke.health", r.contract().health(), r.healthOk()
                ? Messages.format("deploy.smoke.healthOk", String.format(Locale.ROOT, "%.1f", r.healthMs()))
                : Messages.get("deploy.smoke.healthBad")) + "   POST " + r.contract().predict());
        p50Label.setText(ms(r.p50Ms()));
        p95Label.setText(ms(r.p95Ms()));
        p99Label.setText(ms(r.p99Ms()));
        throughputLabel.setText(Messages.format("deploy.smoke.rps", String.format(Locale.ROOT, "%,.0f",
                r.throughputRps())));
    }

    private static String ms(double v) {
        return Messages.format("deploy.smoke.ms", String.format(Locale.ROOT, "%.2f", v));
    }

    @FXML
    private void onBack() {
        vm.back();
    }

    @FXML
    private void onNext() {
        vm.next();
    }

    @FXML
    private void onMeasure() {
        vm.measureFormats();
    }

    @FXML
    private void onCancelMeasure() {
        vm.cancelMeasure();
    }

    private static void column(TableColumn<FormatRow, String> c, java.util.function.Function<FormatRow, String> f) {
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
    }

    @FXML
    private void onGenerate() {
        vm.generate();
    }

    @FXML
    private void onSmoke() {
        vm.smokeTest();
    }

    @FXML
    private void onCancel() {
        vm.cancelSmokeTest();
    }

    private static void showIf(javafx.scene.Node n, javafx.beans.value.ObservableBooleanValue when) {
        n.visibleProperty().bind(when);
        n.managedProperty().bind(when);
    }

    private <T extends Property<?>> T keep(T p) {
        keep.add(p);
        return p;
    }

    private void ints(Spinner<Integer> s, int min, int max, int step, IntegerProperty p) {
        s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get(), step));
        s.getValueFactory().valueProperty().bindBidirectional(keep(p.asObject()));
        commitOnFocusLoss(s);
    }

    private void doubles(Spinner<Double> s, double min, double max, double step, DoubleProperty p) {
        s.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(), step));
        s.getValueFactory().valueProperty().bindBidirectional(keep(p.asObject()));
        commitOnFocusLoss(s);
    }

    /** An editable spinner's typed text counts when the field loses focus, not only on Enter. */
    private static void commitOnFocusLoss(Spinner<?> s) {
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                s.increment(0);
            }
        });
        s.setMinWidth(Region.USE_PREF_SIZE);
    }

    private static Tooltip wrapped(Tooltip t) {
        t.setWrapText(true);
        t.setMaxWidth(520);
        return t;
    }

    private static StringConverter<String> keyed(java.util.function.UnaryOperator<String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : label.apply(s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }
}
