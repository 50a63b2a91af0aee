package io.mlwb.app.dataset;

import io.mlwb.data.report.ColumnRow;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;

/** A Columns-table cell drawing a column's histogram (or top-value counts) as a small bar sparkline. */
final class SparklineCell extends TableCell<ColumnRow, ColumnRow> {
    static final double WIDTH = 90;
    static final double HEIGHT = 18;
    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Palette palette;

    SparklineCell(Palette palette) {
        this.palette = palette;
        getStyleClass().add("sparkline-cell");
    }

    @Override
    protected void updateItem(ColumnRow item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        draw(canvas.getGraphicsContext2D(), item.sparkline(), palette);
        setGraphic(canvas);
    }

    /** Draws the bars of {@code counts} over the whole canvas. */
    static void draw(GraphicsContext g, long[] counts, Palette palette) {
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        g.clearRect(0, 0, w, h);
        if (counts.length == 0) {
            return;
        }
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        g.setFill(palette.color("chart-1"));
        double bw = w / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double bh = counts[i] == 0 ? 0 : Math.max(1, (h - 1) * counts[i] / max);
            g.fillRect(i * bw, h - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
        }
    }
}
