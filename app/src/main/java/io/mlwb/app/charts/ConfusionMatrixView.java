package io.mlwb.app.charts;

import io.mlwb.app.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * A confusion matrix as a grid: actual classes down, predicted classes across; each cell shows its count and its
 * share of the actual class (row %), and is shaded from the background to the theme's first chart colour by that
 * share, so the diagonal of a good model stands out. Text colour follows the shade for contrast; colours follow a
 * theme switch. FX thread.
 */
public final class ConfusionMatrixView {
    private static final double CELL = 76;

    private final ChartPalette palette = new ChartPalette();
    private final GridPane grid = new GridPane();
    private final StackPane node = new StackPane(palette.node(), grid);
    private final List<Cell> cells = new ArrayList<>();
    private List<String> labels = List.of();
    private long[][] counts = new long[0][0];

    /** An empty matrix; {@link #show} fills it. */
    public ConfusionMatrixView() {
        grid.getStyleClass().add("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setPadding(new Insets(8));
        grid.setAlignment(Pos.CENTER);
        node.setAlignment(Pos.TOP_LEFT);
        palette.onChange(this::colour);
    }

    /**
     * A matrix showing {@code counts}.
     *
     * @param labels the class labels, in matrix order
     * @param counts {@code counts[actual][predicted]}, square, as many rows as labels
     */
    public ConfusionMatrixView(List<String> labels, long[][] counts) {
        this();
        show(labels, counts);
    }

    /** @return the node to put in a pane */
    public Region node() {
        return node;
    }

    /**
     * Shows a matrix, replacing the one shown.
     *
     * @param classLabels the class labels, in matrix order
     * @param matrix      {@code matrix[actual][predicted]}, square, as many rows as labels
     */
    public void show(List<String> classLabels, long[][] matrix) {
        Objects.requireNonNull(classLabels, "classLabels");
        int k = classLabels.size();
        if (matrix.length != k) {
            throw new IllegalArgumentException(k + " labels but " + matrix.length + " rows");
        }
        for (long[] row : matrix) {
            if (row.length != k) {
                throw new IllegalArgumentException("the matrix is not square: a row of " + row.length);
            }
        }
        this.labels = List.copyOf(classLabels);
        this.counts = new long[k][];
        for (int i = 0; i < k; i++) {
            counts[i] = matrix[i].clone();
        }
        build();
    }

    private void build() {
        grid.getChildren().clear();
        cells.clear();
        int k = labels.size();
        Label predicted = header(Messages.get("charts.confusion.predicted"));
        grid.add(predicted, 2, 0, Math.max(1, k), 1);
        GridPane.setHalignment(predicted, HPos.CENTER);
        Label actual = header(Messages.get("charts.confusion.actual"));
        actual.setRotate(-90);
        Group rotated = new Group(actual);
        grid.add(rotated, 0, 2, 1, Math.max(1, k));
        GridPane.setHalignment(rotated, HPos.CENTER);
        for (int j = 0; j < k; j++) {
            Label l = classLabel(labels.get(j));
            l.setPrefWidth(CELL);
            l.setAlignment(Pos.CENTER);
            grid.add(l, 2 + j, 1);
        }
        for (int i = 0; i < k; i++) {
            Label l = classLabel(labels.get(i));
            l.setAlignment(Pos.CENTER_RIGHT);
            grid.add(l, 1, 2 + i);
            long rowTotal = 0;
            for (long c : counts[i]) {
                rowTotal += c;
            }
            for (int j = 0; j < k; j++) {
                double share = rowTotal == 0 ? 0 : (double) counts[i][j] / rowTotal;
                Cell cell = new Cell(counts[i][j], share);
                cell.box.getStyleClass().add(i == j ? "confusion-cell-diagonal" : "confusion-cell");
                cells.add(cell);
                grid.add(cell.box, 2 + j, 2 + i);
            }
        }
        colour();
    }

    private Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("confusion-header");
        l.setFont(Font.font(null, FontWeight.BOLD, 12));
        l.setPadding(new Insets(2, 4, 2, 4));
        return l;
    }

    private static Label classLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("confusion-class");
        l.setMaxWidth(160);
        l.setPadding(new Insets(2, 6, 2, 6));
        return l;
    }

    private void colour() {
        Color bg = palette.color("subtle");
        Color hi = palette.series(0);
        for (Cell c : cells) {
            Color fill = bg.interpolate(hi, 0.1 + 0.9 * c.share);
            c.box.setBackground(new Background(new BackgroundFill(fill, new CornerRadii(3), Insets.EMPTY)));
            Color text = palette.textOn(fill);
            c.count.setTextFill(text);
            c.percent.setTextFill(text.deriveColor(0, 1, 1, 0.8));
        }
    }

    /** One cell: its count and row share. */
    private static final class Cell {
        final double share;
        final Label count;
        final Label percent;
        final VBox box;

        Cell(long n, double share) {
            this.share = share;
            count = new Label(Long.toString(n));
            count.getStyleClass().add("confusion-count");
            count.setFont(Font.font(null, FontWeight.BOLD, 15));
            percent = new Label(Messages.format("charts.confusion.rowShare", share * 100));
            percent.getStyleClass().add("confusion-share");
            box = new VBox(2, count, percent);
            box.setAlignment(Pos.CENTER);
            box.setMinSize(CELL, CELL * 0.72);
            box.setPrefSize(CELL, CELL * 0.72);
        }
    }
}
