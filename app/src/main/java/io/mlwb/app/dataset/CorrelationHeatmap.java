package io.mlwb.app.dataset;

import io.mlwb.data.report.DatasetFormat;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.app.ui.Messages;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * A correlation matrix drawn on a Canvas: one square per pair, a diverging scale (danger colour for −1, background
 * for 0, accent colour for 1; background to accent for 0..1 measures), column names on both axes, the value in
 * each square when it fits, and a tooltip naming the pair and its value.
 */
final class CorrelationHeatmap extends Pane {
    private static final double PAD = 8;
    private final Canvas canvas = new Canvas();
    private final Palette palette;
    private final Tooltip tooltip = new Tooltip();
    private CorrelationMatrix matrix = CorrelationMatrix.empty();
    private boolean diverging = true;
    private double cell;
    private double left;
    private double top;

    CorrelationHeatmap(Palette palette) {
        this.palette = palette;
        getStyleClass().add("correlation-heatmap");
        canvas.setId("heatmap");
        getChildren().add(canvas);
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(canvas, tooltip);
        canvas.setOnMouseMoved(e -> {
            int n = matrix.columns().size();
            int col = (int) Math.floor((e.getX() - left) / cell);
            int row = (int) Math.floor((e.getY() - top) / cell);
            if (n == 0 || col < 0 || row < 0 || col >= n || row >= n) {
                tooltip.setText("");
                return;
            }
            tooltip.setText(Messages.format("dataset.correlations.tooltip", matrix.columns().get(row),
                    matrix.columns().get(col), DatasetFormat.number(matrix.values()[row][col])));
        });
        palette.onChange(this::draw);
    }

    /** Shows {@code m}; {@code divergingScale} for −1..1 measures. */
    void show(CorrelationMatrix m, boolean divergingScale) {
        this.matrix = m;
        this.diverging = divergingScale;
        draw();
    }

    /** @return how many squares are drawn */
    int cellCount() {
        return matrix.columns().size() * matrix.columns().size();
    }

    private void draw() {
        int n = matrix.columns().size();
        Font font = Font.font(11);
        double longest = 0;
        Text probe = new Text();
        probe.setFont(font);
        for (String c : matrix.columns()) {
            probe.setText(c);
            longest = Math.max(longest, probe.getLayoutBounds().getWidth());
        }
        longest = Math.min(longest, 180);
        cell = n <= 12 ? 40 : n <= 25 ? 28 : 18;
        left = PAD + longest + 6;
        top = PAD + longest * 0.75 + 12;
        double legend = 40;
        double w = left + n * cell + PAD + longest * 0.75;
        double h = top + n * cell + legend;
        canvas.setWidth(n == 0 ? 0 : w);
        canvas.setHeight(n == 0 ? 0 : h);
        setPrefSize(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (n == 0) {
            return;
        }
        g.setFont(font);
        Color fg = palette.color("fg");
        for (int i = 0; i < n; i++) {
            String name = clip(matrix.columns().get(i));
            g.setFill(fg);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(name, left - 6, top + i * cell + cell / 2);
            g.save();
            g.translate(left + i * cell + cell / 2, top - 6);
            g.rotate(-45);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(name, 0, 0);
            g.restore();
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        Font small = Font.font(cell >= 28 ? 10 : 8);
        g.setFont(small);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = matrix.values()[i][j];
                Color c = colour(v);
                g.setFill(c);
                g.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
                if (!Double.isNaN(v) && cell >= 28) {
                    g.setFill(palette.textOn(c));
                    g.fillText(String.format(Locale.ROOT, "%.2f", v), left + j * cell + cell / 2,
                            top + i * cell + cell / 2);
                }
            }
        }
        // legend: the scale from its low end to 1
        double lx = left;
        double ly = top + n * cell + 12;
        double lw = Math.min(240, Math.max(120, n * cell));
        for (int k = 0; k < lw; k++) {
            double v = (diverging ? -1 : 0) + (diverging ? 2 : 1) * k / lw;
            g.setFill(colour(v));
            g.fillRect(lx + k, ly, 1, 10);
        }
        g.setFill(palette.color("muted"));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(diverging ? "-1" : "0", lx, ly + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("1", lx + lw, ly + 12);
        if (diverging) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("0", lx + lw / 2, ly + 12);
        }
    }

    private Color colour(double v) {
        Color bg = palette.color("neutral");
        if (Double.isNaN(v)) {
            return palette.color("bg");
        }
        double a = Math.min(1, Math.abs(v));
        Color end = v < 0 && diverging ? palette.color("danger") : palette.color("accent");
        return bg.interpolate(end, a);
    }

    private static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "\u2026";
    }
}
