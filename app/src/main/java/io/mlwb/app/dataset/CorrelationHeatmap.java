package io.mlwb.app.dataset;

import io.mlwb.app.ui.Messages;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.report.DatasetFormat;
import java.nio.IntBuffer;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * A correlation matrix drawn on one Canvas the size of the viewport, whatever the matrix's size: the cells in view
 * are written as pixels (one colour look-up per pixel), so 3,000 × 3,000 costs what the window's pixels cost. A
 * diverging scale (danger colour for −1, a neutral background for 0, accent colour for 1; neutral to accent for 0..1
 * measures), column names on both axes once a cell is tall enough to read them, the value in each cell once it
 * fits, and a legend. The mouse wheel zooms around the pointer, dragging moves, scroll bars appear when the matrix is
 * larger than the view. The hovered pair is reported through {@link #onHover(Consumer)} and a tooltip; the selected
 * pair is outlined (both symmetric cells).
 */
final class CorrelationHeatmap extends Region {
    /** Smallest cell for which names are drawn along the axes. */
    static final double LABEL_CELL = 9;
    /** Smallest cell for which the values are written inside the cells. */
    static final double VALUE_CELL = 30;
    static final double MAX_CELL = 64;
    private static final double PAD = 8;
    private static final double LEGEND = 34;
    private static final double ZOOM_STEP = 1.25;
    private static final int LUT = 201;

    private final Canvas canvas = new Canvas();
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private final Palette palette;
    private final Tooltip tooltip = new Tooltip();
    private CorrelationMatrix matrix = CorrelationMatrix.empty();
    private int[] order = new int[0];
    private boolean diverging = true;
    private double cell = 18;
    private boolean fitPending = true;
    /** Until the person zooms, selects or drags, the matrix follows the view's size (fitted again on a resize). */
    private boolean following = true;
    private double fittedWidth;
    private double fittedHeight;
    private double left;
    private double top;
    private int selectedRow = -1;
    private int selectedCol = -1;
    private int[] lut = new int[LUT];
    private int nanArgb;
    private int gapArgb;
    private WritableImage image;
    private int[] pixels = new int[0];
    private double dragX;
    private double dragY;
    private boolean drawing;
    private Consumer<String> hover = s -> { };

    CorrelationHeatmap(Palette palette) {
        this.palette = palette;
        getStyleClass().add("correlation-heatmap");
        canvas.setId("heatmap");
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.valueProperty().addListener((o, was, now) -> draw());
        vbar.valueProperty().addListener((o, was, now) -> draw());
        getChildren().addAll(canvas, hbar, vbar);
        setMinSize(120, 120);
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(canvas, tooltip);
        canvas.setOnMouseMoved(e -> {
            String text = describe(cellAt(e.getX(), e.getY()));
            tooltip.setText(text);
            hover.accept(text);
        });
        canvas.setOnMouseExited(e -> hover.accept(""));
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                zoomAt(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
            }
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                following = false;
                hbar.setValue(clamp(hbar.getValue() - (e.getX() - dragX), hbar.getMin(), hbar.getMax()));
                vbar.setValue(clamp(vbar.getValue() - (e.getY() - dragY), vbar.getMin(), vbar.getMax()));
                dragX = e.getX();
                dragY = e.getY();
            }
        });
        palette.onChange(() -> {
            colours();
            draw();
        });
        colours();
    }

    /**
     * Shows the columns {@code columns} of {@code m}, in that order, fitted to the view; clears the selection.
     *
     * @param columns        matrix indices to draw, in drawing order
     * @param divergingScale true for −1..1 measures
     */
    void show(CorrelationMatrix m, int[] columns, boolean divergingScale) {
        this.matrix = m;
        this.order = columns.clone();
        this.diverging = divergingScale;
        this.selectedRow = -1;
        this.selectedCol = -1;
        colours();
        fit();
    }

    /** Shows every column of {@code m} in matrix order. */
    void show(CorrelationMatrix m, boolean divergingScale) {
        int[] all = new int[m.columns().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        show(m, all, divergingScale);
    }

    /** @param listener receives "a ↔ b: value" for the cell under the pointer, or an empty text */
    void onHover(Consumer<String> listener) {
        this.hover = listener;
    }

    /** @return how many columns are drawn */
    int columnCount() {
        return order.length;
    }

    /** @return the size of one cell in pixels */
    double cellSize() {
        return cell;
    }

    /** Zooms in around the centre of the view. */
    void zoomIn() {
        zoomAt(ZOOM_STEP, left + viewWidth() / 2, top + viewHeight() / 2);
    }

    /** Zooms out around the centre of the view. */
    void zoomOut() {
        zoomAt(1 / ZOOM_STEP, left + viewWidth() / 2, top + viewHeight() / 2);
    }

    /** Fits the whole matrix in the view (cells of at most 40 pixels). */
    void fit() {
        fitPending = true;
        following = true;
        requestLayout();
        if (getWidth() > 0) {
            layoutChildren();
        }
    }

    /**
     * Selects the pair at drawing positions {@code row}, {@code col}, zooms in until names can be read and centres
     * the view on it.
     */
    void select(int row, int col) {
        if (row < 0 || col < 0 || row >= order.length || col >= order.length) {
            return;
        }
        selectedRow = row;
        selectedCol = col;
        following = false;
        if (cell < 16) {
            cell = Math.min(MAX_CELL, 16);
            updateBars();
        }
        hbar.setValue(clamp((col + 0.5) * cell - viewWidth() / 2, hbar.getMin(), hbar.getMax()));
        vbar.setValue(clamp((row + 0.5) * cell - viewHeight() / 2, vbar.getMin(), vbar.getMax()));
        draw();
    }

    /** @return the drawing positions {row, col} of the selected pair, or null */
    int[] selection() {
        return selectedRow < 0 ? null : new int[] {selectedRow, selectedCol};
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double bar = 14;
        if (following && (w != fittedWidth || h != fittedHeight)) {
            fitPending = true; // shown in a larger (or smaller) area than when it was fitted
        }
        if (fitPending && w > 0 && h > 0) {
            fitPending = false;
            fittedWidth = w;
            fittedHeight = h;
            margins(18);
            double avail = Math.min(w - left - PAD - bar, h - top - LEGEND - bar);
            cell = order.length == 0 ? 18 : clamp(avail / order.length, 0.05, 40);
            if (cell >= LABEL_CELL) {
                margins(cell);
                avail = Math.min(w - left - PAD - bar, h - top - LEGEND - bar);
                cell = clamp(Math.floor(avail / order.length), LABEL_CELL, 40);
            }
            hbar.setValue(0);
            vbar.setValue(0);
        }
        canvas.setWidth(Math.max(0, w - bar));
        canvas.setHeight(Math.max(0, h - bar));
        canvas.relocate(0, 0);
        hbar.resizeRelocate(0, h - bar, Math.max(0, w - bar), bar);
        vbar.resizeRelocate(w - bar, 0, bar, Math.max(0, h - bar));
        updateBars();
        draw();
    }

    // ---- geometry ----

    private void margins(double forCell) {
        if (forCell < LABEL_CELL || order.length == 0) {
            left = PAD;
            top = PAD;
            return;
        }
        Font font = labelFont(forCell);
        Text probe = new Text();
        probe.setFont(font);
        double longest = 0;
        for (int index : order) {
            probe.setText(clip(matrix.columns().get(index)));
            longest = Math.max(longest, probe.getLayoutBounds().getWidth());
        }
        left = PAD + Math.min(longest, 170) + 6;
        top = PAD + Math.min(longest, 170) * 0.72 + 10;
    }

    private double viewWidth() {
        return Math.max(0, canvas.getWidth() - left - PAD);
    }

    private double viewHeight() {
        return Math.max(0, canvas.getHeight() - top - LEGEND);
    }

    private void updateBars() {
        double size = order.length * cell;
        margins(cell);
        for (ScrollBar b : new ScrollBar[] {hbar, vbar}) {
            double view = b == hbar ? viewWidth() : viewHeight();
            double max = Math.max(0, size - view);
            b.setMin(0);
            b.setMax(max);
            b.setVisibleAmount(max == 0 ? 1 : view * max / Math.max(1, size));
            b.setUnitIncrement(Math.max(1, cell));
            b.setBlockIncrement(Math.max(1, view * 0.9));
            b.setValue(clamp(b.getValue(), 0, max));
            b.setVisible(max > 0); // no bar when the whole matrix is in view
        }
    }

    private void zoomAt(double factor, double px, double py) {
        if (order.length == 0) {
            return;
        }
        following = false;
        double mx = (px - left + hbar.getValue()) / cell;
        double my = (py - top + vbar.getValue()) / cell;
        double min = Math.min(1, Math.min(viewWidth(), viewHeight()) / order.length);
        double next = clamp(cell * factor, min, MAX_CELL);
        double oldLeft = left;
        double oldTop = top;
        cell = next;
        updateBars();
        // keep the matrix point under the pointer where it was (shifted by a change in label margins)
        hbar.setValue(clamp(mx * cell - (px - oldLeft), hbar.getMin(), hbar.getMax()));
        vbar.setValue(clamp(my * cell - (py - oldTop), vbar.getMin(), vbar.getMax()));
        draw();
    }

    /** @return drawing positions {row, col} under canvas point (x, y), or null outside the cells */
    private int[] cellAt(double x, double y) {
        if (x < left || y < top || x >= left + viewWidth() || y >= top + viewHeight()) {
            return null;
        }
        int col = (int) Math.floor((x - left + hbar.getValue()) / cell);
        int row = (int) Math.floor((y - top + vbar.getValue()) / cell);
        return row < order.length && col < order.length ? new int[] {row, col} : null;
    }

    private String describe(int[] rc) {
        if (rc == null) {
            return "";
        }
        int i = order[rc[0]];
        int j = order[rc[1]];
        return Messages.format("dataset.correlations.tooltip", matrix.columns().get(i), matrix.columns().get(j),
                DatasetFormat.number(matrix.values()[i][j]));
    }

    // ---- drawing ----

    private void colours() {
        Color neutral = palette.color("neutral");
        Color accent = palette.color("accent");
        Color danger = palette.color("danger");
        for (int k = 0; k < LUT; k++) {
            double v = -1 + 2.0 * k / (LUT - 1);
            Color end = v < 0 && diverging ? danger : accent;
            lut[k] = argb(neutral.interpolate(end, Math.min(1, Math.abs(v))));
        }
        nanArgb = argb(palette.color("bg"));
        gapArgb = nanArgb;
    }

    private int argb(double v) {
        if (Double.isNaN(v)) {
            return nanArgb;
        }
        int k = (int) Math.round((clamp(v, -1, 1) + 1) / 2 * (LUT - 1));
        return lut[k];
    }

    private static int argb(Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    private Color colour(double v) {
        int a = argb(v);
        return Color.rgb(a >> 16 & 0xFF, a >> 8 & 0xFF, a & 0xFF, (a >>> 24) / 255.0);
    }

    private void draw() {
        if (drawing) {
            return;
        }
        drawing = true;
        try {
            paint();
        } finally {
            drawing = false;
        }
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int n = order.length;
        int vw = (int) Math.floor(viewWidth());
        int vh = (int) Math.floor(viewHeight());
        if (n == 0 || vw <= 0 || vh <= 0) {
            return;
        }
        double ox = hbar.getValue();
        double oy = vbar.getValue();
        int w = (int) Math.min(vw, Math.ceil(n * cell - ox));
        int h = (int) Math.min(vh, Math.ceil(n * cell - oy));
        if (w <= 0 || h <= 0) {
            return;
        }
        if (image == null || image.getWidth() < w || image.getHeight() < h) {
            image = new WritableImage(Math.max(w, 64), Math.max(h, 64));
            pixels = new int[(int) image.getWidth() * (int) image.getHeight()];
        }
        // one look-up per pixel: which cell, then its colour; a 1-pixel gap between cells that are large enough
        boolean gaps = cell >= 6;
        double[][] values = matrix.values();
        int[] colOf = new int[w];
        boolean[] colGap = new boolean[w];
        for (int x = 0; x < w; x++) {
            double mx = ox + x;
            int c = Math.min(n - 1, (int) (mx / cell));
            colOf[x] = order[c];
            colGap[x] = gaps && mx - c * cell >= cell - 1;
        }
        for (int y = 0; y < h; y++) {
            double my = oy + y;
            int r = Math.min(n - 1, (int) (my / cell));
            boolean rowGap = gaps && my - r * cell >= cell - 1;
            double[] row = values[order[r]];
            int base = y * w;
            for (int x = 0; x < w; x++) {
                pixels[base + x] = rowGap || colGap[x] ? gapArgb : argb(row[colOf[x]]);
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), IntBuffer.wrap(pixels), w);
        g.drawImage(image, 0, 0, w, h, left, top, w, h);

        int firstRow = (int) (oy / cell);
        int lastRow = Math.min(n - 1, (int) ((oy + h) / cell));
        int firstCol = (int) (ox / cell);
        int lastCol = Math.min(n - 1, (int) ((ox + w) / cell));
        g.save();
        g.beginPath();
        g.rect(left, top, w, h);
        g.clip();
        if (cell >= VALUE_CELL) {
            g.setFont(Font.font(cell >= 40 ? 11 : 10));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            for (int r = firstRow; r <= lastRow; r++) {
                for (int c = firstCol; c <= lastCol; c++) {
                    double v = values[order[r]][order[c]];
                    if (!Double.isNaN(v)) {
                        g.setFill(palette.textOn(colour(v)));
                        g.fillText(String.format(Locale.ROOT, "%.2f", v), left + c * cell - ox + cell / 2,
                                top + r * cell - oy + cell / 2);
                    }
                }
            }
        }
        if (selectedRow >= 0) {
            g.setStroke(palette.color("fg"));
            g.setLineWidth(2);
            double s = Math.max(cell - 1, 3);
            g.strokeRect(left + selectedCol * cell - ox, top + selectedRow * cell - oy, s, s);
            g.strokeRect(left + selectedRow * cell - ox, top + selectedCol * cell - oy, s, s);
        }
        g.restore();

        if (cell >= LABEL_CELL) {
            labels(g, firstRow, lastRow, firstCol, lastCol, ox, oy, w, h);
        }
        legend(g, top + h + 10);
    }

    private void labels(GraphicsContext g, int firstRow, int lastRow, int firstCol, int lastCol, double ox,
                        double oy, int w, int h) {
        g.setFont(labelFont(cell));
        Color fg = palette.color("fg");
        Color accent = palette.color("accent");
        g.save();
        g.beginPath();
        g.rect(0, top, left, h);
        g.clip();
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int r = firstRow; r <= lastRow; r++) {
            g.setFill(r == selectedRow || r == selectedCol ? accent : fg);
            g.fillText(clip(matrix.columns().get(order[r])), left - 6, top + r * cell - oy + cell / 2);
        }
        g.restore();
        g.save();
        g.beginPath();
        g.rect(left - 2, 0, w + left, top);
        g.clip();
        g.setTextAlign(TextAlignment.LEFT);
        for (int c = firstCol; c <= lastCol; c++) {
            g.save();
            g.translate(left + c * cell - ox + cell / 2, top - 6);
            g.rotate(-45);
            g.setFill(c == selectedRow || c == selectedCol ? accent : fg);
            g.fillText(clip(matrix.columns().get(order[c])), 0, 0);
            g.restore();
        }
        g.restore();
    }

    private void legend(GraphicsContext g, double ly) {
        double lx = left;
        double lw = 200;
        for (int k = 0; k < lw; k++) {
            double v = (diverging ? -1 : 0) + (diverging ? 2 : 1) * k / lw;
            g.setFill(colour(v));
            g.fillRect(lx + k, ly, 1, 10);
        }
        g.setFont(Font.font(10));
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

    private static Font labelFont(double forCell) {
        return Font.font(clamp(Math.floor(forCell * 0.7), 8, 12));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "\u2026";
    }
}
