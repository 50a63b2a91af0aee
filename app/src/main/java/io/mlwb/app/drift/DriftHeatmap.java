package io.mlwb.app.drift;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.Messages;
import io.mlwb.drift.report.DriftHtml;
import io.mlwb.drift.stats.PopulationStability;
import io.mlwb.drift.time.DriftOverTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/**
 * PSI per column (rows) per time window (columns) as a grid of cells coloured by PSI band (below 0.1, 0.1 to 0.25,
 * above 0.25) through the theme's tokens ({@code drift.css}), each with its value, a tooltip naming the column, the
 * window, its rows and the control-chart alarms that fired there; a cell with an alarm is outlined. Rows are in order of
 * their largest PSI; clicking a row picks the column whose control chart is shown.
 */
final class DriftHeatmap extends GridPane {
    static final PseudoClass STABLE = PseudoClass.getPseudoClass("stable");
    static final PseudoClass MODERATE = PseudoClass.getPseudoClass("moderate");
    static final PseudoClass SIGNIFICANT = PseudoClass.getPseudoClass("significant");
    static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    static final PseudoClass ALARM = PseudoClass.getPseudoClass("alarm");
    static final PseudoClass PICKED = PseudoClass.getPseudoClass("picked");
    private static final double CELL_WIDTH = 58;

    private final Consumer<String> onPick;
    private final Map<String, Label> headers = new HashMap<>();

    DriftHeatmap(Consumer<String> onPick) {
        this.onPick = onPick;
        getStyleClass().add("drift-heatmap");
        setHgap(2);
        setVgap(2);
    }

    /** @param ot what to draw, or null for nothing */
    void show(DriftOverTime.Result ot) {
        getChildren().clear();
        headers.clear();
        if (ot == null) {
            return;
        }
        for (int w = 0; w < ot.windows().size(); w++) {
            Label h = new Label(DriftViewModel.windowLabel(ot, w));
            h.getStyleClass().addAll("drift-heat-window", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            h.setMinWidth(CELL_WIDTH);
            h.setPrefWidth(CELL_WIDTH);
            h.setAlignment(Pos.CENTER);
            add(h, w + 1, 0);
        }
        List<String> names = new ArrayList<>(ot.psi().keySet());
        names.sort(Comparator.comparingDouble((String n) -> -largest(ot.psi().get(n))));
        int row = 1;
        for (String name : names) {
            Label header = new Label(name);
            header.getStyleClass().add("drift-heat-column");
            header.setMaxWidth(Double.MAX_VALUE);
            header.setOnMouseClicked(e -> onPick.accept(name));
            headers.put(name, header);
            add(header, 0, row);
            double[] psi = ot.psi().get(name);
            DriftOverTime.Control control = ot.control().get(name);
            for (int w = 0; w < psi.length; w++) {
                add(cell(ot, name, w, psi[w], control), w + 1, row);
            }
            row++;
        }
    }

    /** Marks the row of the column whose chart is shown. */
    void pick(String column) {
        headers.forEach((name, label) -> label.pseudoClassStateChanged(PICKED, name.equals(column)));
    }

    private Label cell(DriftOverTime.Result ot, String column, int w, double psi, DriftOverTime.Control control) {
        DriftOverTime.Window window = ot.windows().get(w);
        String label = DriftViewModel.windowLabel(ot, w);
        Label cell = new Label(Double.isFinite(psi) ? short3(psi) : "\u2014");
        cell.getStyleClass().addAll("drift-heat-cell", Styles.TEXT_SMALL);
        cell.setMinWidth(CELL_WIDTH);
        cell.setPrefWidth(CELL_WIDTH);
        cell.setAlignment(Pos.CENTER);
        PopulationStability.Band band = Double.isFinite(psi) ? PopulationStability.Band.of(psi) : null;
        cell.pseudoClassStateChanged(EMPTY, band == null);
        cell.pseudoClassStateChanged(STABLE, band == PopulationStability.Band.STABLE);
        cell.pseudoClassStateChanged(MODERATE, band == PopulationStability.Band.MODERATE);
        cell.pseudoClassStateChanged(SIGNIFICANT, band == PopulationStability.Band.SIGNIFICANT);
        List<String> alarms = control == null ? List.of() : control.alarms().stream().filter(a -> a.window() == w)
                .map(a -> Messages.get("drift.alarm." + a.rule())).toList();
        cell.pseudoClassStateChanged(ALARM, !alarms.isEmpty());
        String tip = band == null ? Messages.format("drift.time.cell.empty", column, label, window.rows())
                : Messages.format("drift.time.cell", column, label, window.rows(), DriftHtml.number(psi),
                band.jsonName());
        if (!alarms.isEmpty()) {
            tip += "\n" + String.join("\n", alarms);
        }
        Tooltip t = new Tooltip(tip);
        t.setShowDelay(Duration.millis(150));
        cell.setTooltip(t);
        cell.setOnMouseClicked(e -> onPick.accept(column));
        return cell;
    }

    /** Three decimals fit a cell; the tooltip has the full value. */
    static String short3(double psi) {
        return String.format(java.util.Locale.ROOT, psi >= 10 ? "%.1f" : "%.3f", psi);
    }

    /** @return how many columns are drawn */
    int rows() {
        return headers.size();
    }

    private static double largest(double[] v) {
        double m = -1;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
