package io.mlwb.app.drift;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.drift.report.ColumnDistribution;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;

/**
 * A table cell drawing a column's two distributions as a small bar sparkline: per bin, the reference's share in the
 * reference colour beside the current data's in the current colour (the detail chart's colours).
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
        // side by side per bin (reference left, current right): overlaid bars this small read as one murky block
        double bw = w / n;
        double half = Math.max(1, (bw - (bw > 4 ? 1 : 0)) / 2);
        g.setFill(palette.color(DistributionChart.REFERENCE));
        for (int i = 0; i < n; i++) {
            double rh = r[i] == 0 ? 0 : Math.max(1, (h - 1) * r[i] / max);
            g.fillRect(i * bw, h - rh, half, rh);
        }
        g.setFill(palette.color(DistributionChart.CURRENT));
        for (int i = 0; i < n; i++) {
            double ch = c[i] == 0 ? 0 : Math.max(1, (h - 1) * c[i] / max);
            g.fillRect(i * bw + half, h - ch, half, ch);
        }
    }
}
