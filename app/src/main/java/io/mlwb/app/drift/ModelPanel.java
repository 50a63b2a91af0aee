package io.mlwb.app.drift;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.Messages;
import io.mlwb.drift.report.DriftHtml;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The Drift pane's model section: the version, the prediction (and decided label) drift, performance on the reference
 * and the current data with 95% bootstrap intervals, and fairness per sensitive attribute, each group's selection rate,
 * recall and false-positive rate with the demographic-parity difference and the disparate-impact ratio (flagged when
 * below four-fifths), reference and current side by side. Without a model or without labels it says so.
 */
final class ModelPanel extends VBox {
    private static final PseudoClass DRIFTED = PseudoClass.getPseudoClass("drifted");
    private static final PseudoClass VIOLATED = PseudoClass.getPseudoClass("violated");

    private final Label message = new Label();

    ModelPanel() {
        super(10);
        getStyleClass().add("drift-model");
        setPadding(new Insets(12));
        setId("driftModel");
        message.setId("modelMessage");
        message.setWrapText(true);
        message.getStyleClass().add("drift-model-message");
        message.managedProperty().bind(message.visibleProperty());
    }

    /**
     * @param section what to show, or null without a model
     * @param why     why it is empty or partial, or ""
     */
    void show(ModelSection section, String why) {
        getChildren().clear();
        message.setText(why == null ? "" : why);
        message.setVisible(!message.getText().isEmpty());
        getChildren().add(message);
        if (section == null) {
            return;
        }
        Label title = new Label(Messages.format("drift.model.title", section.version(), section.task(),
                section.target()));
        title.setId("modelTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        getChildren().add(title);
        getChildren().add(shift("modelPrediction", Messages.get("drift.model.prediction"), section.prediction()));
        if (section.label() != null) {
            getChildren().add(shift("modelLabel", Messages.get("drift.model.label"), section.label()));
        }
        if (!section.performance().isEmpty()) {
            getChildren().add(heading(Messages.get("drift.model.performance")));
            getChildren().add(performance(section.performance()));
        }
        if (section.labels().equals("none")) {
            if (section.fairness().isEmpty()) {
                Label none = new Label(Messages.get("drift.model.fairness.none"));
                none.setWrapText(true);
                none.getStyleClass().add(Styles.TEXT_MUTED);
                getChildren().add(none);
            }
            for (ModelSection.Fairness f : section.fairness()) {
                getChildren().add(heading(Messages.format("drift.model.fairness", f.attribute())));
                getChildren().add(fairness(f));
            }
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    private static Node shift(String id, String title, ModelSection.Shift s) {
        Label name = new Label(title);
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label verdict = new Label(Messages.get(s.drifted() ? "drift.cell.drifted" : "drift.cell.stable"));
        verdict.getStyleClass().add("drift-cell");
        verdict.pseudoClassStateChanged(DRIFTED, s.drifted());
        verdict.pseudoClassStateChanged(PseudoClass.getPseudoClass("stable"), !s.drifted());
        Label facts = new Label(Messages.format("drift.model.shift", s.test() == null ? "" : s.test(),
                s.statistic() == null ? "" : DriftHtml.number(s.statistic()), s.pValue() == null ? ""
                        : Messages.format("drift.detail.p", DriftHtml.pValue(s.pValue())),
                DriftHtml.number(s.psi()), s.band() == null ? "\u2014" : s.band()));
        facts.getStyleClass().add(Styles.TEXT_MUTED);
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(10, name, verdict, facts);
        line.setId(id);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return line;
    }

    private static GridPane performance(List<ModelSection.Metric> metrics) {
        GridPane g = grid("modelPerformance");
        g.addRow(0, head(Messages.get("drift.model.metric")), head(Messages.get("drift.model.reference")),
                head(Messages.get("drift.model.current")), head(Messages.get("drift.model.change")));
        int row = 1;
        for (ModelSection.Metric m : metrics) {
            Double a = m.reference().value();
            Double b = m.current().value();
            Label change = cell(a == null || b == null ? "" : String.format(Locale.ROOT, "%+.3f", b - a));
            // intervals that do not overlap: the change is beyond resampling noise
            boolean apart = m.reference().high() != null && m.current().high() != null && m.reference().low() != null
                    && m.current().low() != null && (m.current().high() < m.reference().low()
                    || m.current().low() > m.reference().high());
            change.pseudoClassStateChanged(DRIFTED, apart);
            change.getStyleClass().add("drift-model-change");
            g.addRow(row++, cell(m.name()), cell(interval(m.reference())), cell(interval(m.current())), change);
        }
        return g;
    }

    private static GridPane fairness(ModelSection.Fairness f) {
        GridPane g = grid("modelFairness-" + f.attribute());
        g.getStyleClass().add("drift-model-fairness");
        String ref = Messages.get("drift.model.reference");
        String cur = Messages.get("drift.model.current");
        g.add(head(ref), 1, 0, 4, 1);
        g.add(head(cur), 5, 0, 4, 1);
        String[] heads = {Messages.get("drift.model.count"), Messages.get("drift.model.selection"),
                Messages.get("drift.model.recall"), Messages.get("drift.model.fpr")};
        g.add(head(Messages.get("drift.model.group")), 0, 1);
        for (int i = 0; i < 4; i++) {
            g.add(head(heads[i]), 1 + i, 1);
            g.add(head(heads[i]), 5 + i, 1);
        }
        java.util.LinkedHashSet<String> groups = new java.util.LinkedHashSet<>();
        f.reference().groups().forEach(x -> groups.add(x.group()));
        f.current().groups().forEach(x -> groups.add(x.group()));
        int row = 2;
        for (String name : groups) {
            g.add(cell(name), 0, row);
            group(g, row, 1, f.reference().groups().stream().filter(x -> x.group().equals(name)).findFirst()
                    .orElse(null));
            group(g, row, 5, f.current().groups().stream().filter(x -> x.group().equals(name)).findFirst()
                    .orElse(null));
            row++;
        }
        g.add(cell(Messages.get("drift.model.dpd")), 0, row);
        g.add(cell(DriftHtml.number(f.reference().demographicParityDifference())), 1, row, 4, 1);
        g.add(cell(DriftHtml.number(f.current().demographicParityDifference())), 5, row, 4, 1);
        row++;
        g.add(cell(Messages.get("drift.model.di")), 0, row);
        g.add(impact(f.reference()), 1, row, 4, 1);
        g.add(impact(f.current()), 5, row, 4, 1);
        return g;
    }

    private static Label impact(ModelSection.Side s) {
        Label l = cell(DriftHtml.number(s.disparateImpactRatio()) + " \u00b7 " + Messages.get(s.fourFifthsViolated()
                ? "drift.model.fourFifths" : "drift.model.fourFifths.ok"));
        l.getStyleClass().add("drift-model-impact");
        l.pseudoClassStateChanged(VIOLATED, s.fourFifthsViolated());
        return l;
    }

    private static void group(GridPane g, int row, int col, ModelSection.Group x) {
        g.add(cell(x == null ? "" : String.format(Locale.ROOT, "%,d", x.count())), col, row);
        g.add(cell(x == null ? "" : DriftHtml.number(x.selectionRate())), col + 1, row);
        g.add(cell(x == null ? "" : DriftHtml.number(x.recall())), col + 2, row);
        g.add(cell(x == null ? "" : DriftHtml.number(x.falsePositiveRate())), col + 3, row);
    }

    private static String interval(ModelSection.Interval i) {
        return i.value() == null ? "\u2014" : Messages.format("drift.model.interval", DriftHtml.number(i.value()),
                DriftHtml.number(i.low()), DriftHtml.number(i.high()));
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.getStyleClass().add("drift-model-grid");
        g.setHgap(14);
        g.setVgap(4);
        ColumnConstraints first = new ColumnConstraints();
        first.setMinWidth(120);
        g.getColumnConstraints().add(first);
        return g;
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        GridPane.setHalignment(l, HPos.LEFT);
        return l;
    }

    private static Label cell(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("drift-model-cell");
        return l;
    }
}
