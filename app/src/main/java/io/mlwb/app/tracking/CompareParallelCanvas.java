package io.mlwb.app.tracking;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.CompareModel;
import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A parallel-coordinates plot on a {@link Canvas}: one vertical axis per chosen param and the metric's axis last, one
 * polyline per run coloured by its metric value (a colour bar on the right), the run under the mouse drawn thick and
 * reported. Geometry and hit-testing are {@link CompareParallelLayout}'s. FX thread.
 */
final class CompareParallelCanvas extends Pane {
    private static final double HIT_TOLERANCE = 6;
    private static final int MAX_CATEGORY_LABELS = 15;

    private final ChartPalette palette = new ChartPalette();
    private final Canvas canvas = new Canvas();
    private final IntConsumer onHover;
    private CompareModel.Parallel plot;
    private int hovered = -1;

    /** @param onHover called with the run under the mouse, or -1 */
    CompareParallelCanvas(IntConsumer onHover) {
        this.onHover = onHover;
        getChildren().addAll(palette.node(), canvas);
        getStyleClass().add("compare-parallel");
        setMinSize(0, 0);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
        palette.onChange(this::draw);
        canvas.setOnMouseMoved(e -> hover(plot == null ? -1 : geometry().runAt(plot, e.getX(), e.getY(),
                HIT_TOLERANCE)));
        canvas.setOnMouseExited(e -> hover(-1));
    }

    private CompareParallelLayout geometry() {
        return new CompareParallelLayout(getWidth(), getHeight());
    }

    private void hover(int run) {
        if (plot == null) {
            run = -1;
        }
        if (run != hovered) {
            hovered = run;
            draw();
            onHover.accept(run);
        }
    }

    /** @param plot what to draw; null for nothing */
    void show(CompareModel.Parallel plot) {
        this.plot = plot;
        hovered = -1;
        draw();
    }

    /** @return what is drawn; null for nothing */
    CompareModel.Parallel plot() {
        return plot;
    }

    /** @return the run drawn thick under the mouse, or -1 */
    int hovered() {
        return hovered;
    }

    /** @return the canvas */
    Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        super.layoutChildren();
    }

    private void draw() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (plot == null || plot.axes().isEmpty() || w < 50 || h < 50) {
            return;
        }
        CompareParallelLayout l = geometry();
        int n = plot.axes().size();
        Color fg = palette.color("fg");
        Color muted = palette.color("muted");
        // the lines first, the hovered one last and thick
        for (int r = 0; r < plot.colour().length; r++) {
            if (r != hovered) {
                polyline(g, l, r, 1.6, 0.85);
            }
        }
        if (hovered >= 0) {
            polyline(g, l, hovered, 4, 1);
        }
        g.setFont(Font.font(11));
        for (int a = 0; a < n; a++) {
            CompareModel.Axis axis = plot.axes().get(a);
            double x = l.axisX(a, n);
            g.setStroke(muted);
            g.setLineWidth(1);
            g.strokeLine(x, l.y(1), x, l.y(0));
            g.setFill(fg);
            g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 12));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(fit(axis.name(), Math.max(40, l.spacing(n) - 8), g.getFont()), x, l.y(1) - 14);
            g.setFont(Font.font(11));
            g.setTextBaseline(VPos.CENTER);
            g.setFill(muted);
            boolean right = a == n - 1 && n > 1;
            g.setTextAlign(right ? TextAlignment.LEFT : TextAlignment.RIGHT);
            double tx = right ? x + 6 : x - 6;
            double room = Math.max(30, Math.min(CompareParallelLayout.SIDE, l.spacing(n) / 2) - 10);
            if (axis.categorical()) {
                int k = axis.categories().size();
                for (int c = 0; c < k && k <= MAX_CATEGORY_LABELS; c++) {
                    double y = l.y(axis.normalize(c));
                    g.strokeLine(x - 3, y, x + 3, y);
                    tick(g, fit(axis.categories().get(c), room, g.getFont()), tx, y, right, muted);
                }
            } else if (!Double.isNaN(axis.min())) {
                double[] ticks = axis.max() > axis.min() ? new double[] {axis.min(), (axis.min() + axis.max()) / 2,
                    axis.max()} : new double[] {axis.min()};
                for (double v : ticks) {
                    double y = l.y(axis.normalize(v));
                    g.strokeLine(x - 3, y, x + 3, y);
                    tick(g, fit(CompareModel.format(v), room, g.getFont()), tx, y, right, muted);
                }
            }
        }
        colourBar(g, l, w, muted);
    }

    /** A tick label on a faint patch of the background, so lines under it do not hide it. */
    private void tick(GraphicsContext g, String text, double x, double y, boolean leftAligned, Color fill) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(g.getFont());
        double w = t.getLayoutBounds().getWidth();
        double h = t.getLayoutBounds().getHeight();
        Color bg = palette.color("bg");
        g.setFill(bg.deriveColor(0, 1, 1, 0.8));
        g.fillRect(leftAligned ? x - 2 : x - w - 2, y - h / 2, w + 4, h);
        g.setFill(fill);
        g.fillText(text, x, y);
    }

    /** @return {@code text}, cut with an ellipsis to fit {@code width} pixels in {@code font} */
    static String fit(String text, double width, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(font);
        if (t.getLayoutBounds().getWidth() <= width) {
            return text;
        }
        for (int n = text.length() - 1; n > 0; n--) {
            String cut = text.substring(0, n) + "\u2026";
            t.setText(cut);
            if (t.getLayoutBounds().getWidth() <= width) {
                return cut;
            }
        }
        return "\u2026";
    }

    private void polyline(GraphicsContext g, CompareParallelLayout l, int run, double width, double opacity) {
        int n = plot.axes().size();
        double[] y = plot.polyline(run);
        Color c = CompareColors.scale(palette, plot.colour()[run]);
        g.setStroke(c.deriveColor(0, 1, 1, opacity));
        g.setFill(c);
        g.setLineWidth(width);
        for (int a = 0; a < n; a++) {
            if (Double.isNaN(y[a])) {
                continue;
            }
            double x0 = l.axisX(a, n);
            double y0 = l.y(y[a]);
            g.fillOval(x0 - width, y0 - width, 2 * width, 2 * width);
            if (a + 1 < n && !Double.isNaN(y[a + 1])) {
                g.strokeLine(x0, y0, l.axisX(a + 1, n), l.y(y[a + 1]));
            }
        }
    }

    /** A thin bar right of the last axis, from the metric's lowest (bottom) to highest value (top). */
    private void colourBar(GraphicsContext g, CompareParallelLayout l, double w, Color muted) {
        boolean anyColour = false;
        for (double c : plot.colour()) {
            anyColour |= !Double.isNaN(c);
        }
        if (!anyColour) {
            return;
        }
        double x = w - 18;
        double top = l.y(1);
        double bottom = l.y(0);
        int steps = 40;
        for (int i = 0; i < steps; i++) {
            double t0 = (double) i / steps;
            g.setFill(CompareColors.scale(palette, t0));
            double y0 = top + (bottom - top) * (1 - (i + 1.0) / steps);
            g.fillRect(x, y0, 8, (bottom - top) / steps + 0.5);
        }
        g.setStroke(muted);
        g.setLineWidth(0.5);
        g.strokeRect(x, top, 8, bottom - top);
        g.setFill(muted);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(Messages.get("tracking.compare.parallel.colour"), w - 4, bottom + 8);
    }
}
