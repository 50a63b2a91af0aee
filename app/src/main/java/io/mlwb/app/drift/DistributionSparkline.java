package io.mlwb.app.drift;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.drift.report.ColumnDistribution;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;

/**
 * A table cell drawing a column's two distributions as a small overlaid bar sparkline: the reference's shares per bin
 * in the reference colour, the current data's over them in the current colour (as the detail chart draws them).
 */
final class DistributionSparkline extends TableCell<DriftRow, ColumnDistribution> {
    static final double WIDTH = 96;
    static final double HEIGHT = 18;
    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final ChartPalette palette;

    DistributionSparkline(ChartPalette palette) {
        this.palette = palette;
        getStyleClass().add("drift-sparkline");
    }

    @Override
    protected void updateItem(ColumnDistribution item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null || item.size() == 0) {
            setGraphic(null);
            return;
        }
        draw(canvas.getGraphicsContext2D(), item, palette);
        setGraphic(canvas);
    }

    /** Draws both sides' shares over the whole canvas (at most 40 bins; categories past that are left out). */
    static void draw(GraphicsContext g, ColumnDistribution d, ChartPalette palette) {
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        g.clearRect(0, 0, w, h);
        double[] r = d.referenceShares();
        double[] c = d.currentShares();
        int n = Math.min(40, d.size());
        double max = 0.0001;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.max(r[i], c[i]));
        }
        double bw = w / n;
        Color ref = palette.color(DistributionChart.REFERENCE);
        Color cur = palette.color(DistributionChart.CURRENT);
        for (int i = 0; i < n; i++) {
            double rh = r[i] == 0 ? 0 : Math.max(1, (h - 1) * r[i] / max);
            double ch = c[i] == 0 ? 0 : Math.max(1, (h - 1) * c[i] / max);
            double gap = bw > 3 ? 1 : 0;
            g.setFill(Color.color(ref.getRed(), ref.getGreen(), ref.getBlue(), 0.55));
            g.fillRect(i * bw, h - rh, Math.max(1, bw - gap), rh);
            g.setFill(Color.color(cur.getRed(), cur.getGreen(), cur.getBlue(), 0.55));
            g.fillRect(i * bw, h - ch, Math.max(1, bw - gap), ch);
        }
    }
}
