package io.mlwb.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.core.series.SeriesRenderModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.jfree.chart.axis.LogAxis;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live chart draws a million points from a background thread as at most the cap per line, and stops on dispose. */
@ExtendWith(ApplicationExtension.class)
class LiveLineChartTest {
    private LiveLineChart chart;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new LiveLineChart("step", "loss");
        BorderPane root = new BorderPane(chart.node());
        root.setTop(chart.controls());
        stage.setScene(new Scene(root, 800, 500));
        stage.show();
    }

    @Test
    void aMillionPointsFromABackgroundThreadDrawAtMostTheCapAndKeepTheMax(FxRobot robot) throws Exception {
        assertTrue(chart.running(), "the timer runs while the chart is shown");
        // hold the FX thread: appending must not need it (nothing is queued there per point)
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                chart.append("train_loss", i, i == 777_777 ? 42 : 1.0 / (1 + i / 1000.0));
                if (i % 100 == 0) {
                    chart.append("val_loss", i, 1.2 / (1 + i / 1000.0));
                }
            }
        });
        writer.start();
        writer.join(60_000);
        assertFalse(writer.isAlive(), "a million appends finished while the FX thread was busy");
        release.countDown();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lastX(chart.drawn(), 0) == 999_999);
        WaitForAsyncUtils.waitForFxEvents(); // the tick that drew it has finished
        long[] redraws = new long[1];
        robot.interact(() -> redraws[0] = chart.redraws());
        XYDataset ds = chart.drawn();
        assertEquals(2, ds.getSeriesCount());
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            assertTrue(ds.getItemCount(s) <= SeriesRenderModel.DEFAULT_CAP, "series " + s + ": " + ds.getItemCount(s));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ds.getItemCount(0); i++) {
            max = Math.max(max, ds.getYValue(0, i));
        }
        assertEquals(42, max, "the spike is drawn");
        assertEquals(999_900, lastX(ds, 1));
        // nothing new: the ticks that follow do not rebuild
        long[] after = new long[1];
        robot.interact(() -> {
            chart.redrawIfChanged();
            after[0] = chart.redraws();
        });
        assertEquals(redraws[0], after[0]);

        robot.interact(() -> chart.smoothingProperty().set(0.9));
        robot.interact(chart::redrawIfChanged);
        assertEquals(2, chart.drawnRaw().getSeriesCount(), "the raw lines drawn faint behind the smoothed ones");
        assertTrue(chart.drawn().getItemCount(0) <= SeriesRenderModel.DEFAULT_CAP);
        robot.interact(() -> chart.logScaleProperty().set(true));
        robot.interact(chart::redrawIfChanged);
        assertTrue(chart.chart().getXYPlot().getRangeAxis() instanceof LogAxis);
    }

    @Test
    void disposeStopsUpdates(FxRobot robot) throws Exception {
        for (int i = 0; i < 10; i++) {
            chart.append("loss", i, i);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lastX(chart.drawn(), 0) == 9);
        robot.interact(chart::dispose);
        assertFalse(chart.running());
        for (int i = 10; i < 20; i++) {
            chart.append("loss", i, i);
        }
        Thread.sleep(400); // several timer periods
        robot.interact(chart::redrawIfChanged);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, chart.drawn().getItemCount(0), "nothing drawn after dispose");
        assertEquals(20, chart.series("loss", "loss").size(), "the points are still kept");
    }

    private static double lastX(XYDataset ds, int series) {
        if (ds == null || ds.getSeriesCount() <= series || ds.getItemCount(series) == 0) {
            return Double.NaN;
        }
        return ds.getXValue(series, ds.getItemCount(series) - 1);
    }
}
