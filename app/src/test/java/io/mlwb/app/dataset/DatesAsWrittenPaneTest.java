package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.report.ColumnRow;
import io.mlwb.data.table.DataTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dataset pane shows dates as the file wrote them: details, top values, preview cells and the chart's axis. */
class DatesAsWrittenPaneTest {
    @TempDir
    Path dir;

    @Test
    void detailTopValuesPreviewAndAxisKeepEachColumnsKind() throws Exception {
        StringBuilder csv = new StringBuilder("naive,day,utc,plus2\n");
        for (int i = 0; i < 365; i++) {
            LocalDate d = LocalDate.of(2023, 1, 1).plusDays(i);
            String t = d + "T06:58:37";
            csv.append(t).append(',').append(d).append(',').append(t).append("Z,").append(t).append("+02:00\n");
        }
        csv.append("2023-01-21T06:58:37,2023-01-21,2023-01-21T06:58:37Z,2023-01-21T06:58:37+02:00\n");
        Path file = dir.resolve("dates.csv");
        Files.writeString(file, csv);
        DatasetSource source = new DatasetSource("dates", file, ReadOptions.defaults().withThreads(1), null, null);
        DatasetViewModel vm = new DatasetViewModel(source, new InlineJobs(), new RecordingErrors());

        vm.profile();

        Map<String, String[]> expected = Map.of(
                "naive", new String[] {"2023-01-01T06:58:37", "2023-12-31T06:58:37", "2023-01-21T06:58:37"},
                "day", new String[] {"2023-01-01", "2023-12-31", "2023-01-21"},
                "utc", new String[] {"2023-01-01T06:58:37Z", "2023-12-31T06:58:37Z", "2023-01-21T06:58:37Z"},
                "plus2", new String[] {"2023-01-01T06:58:37+02:00", "2023-12-31T06:58:37+02:00",
                    "2023-01-21T06:58:37+02:00"});
        DataTable table = vm.tableProperty().get();
        for (ColumnRow row : vm.columns()) {
            String[] want = expected.get(row.name());
            vm.selectedColumnProperty().set(row);
            assertEquals(want[0], stat(vm, "dataset.stat.min"), row.name());
            assertEquals(want[1], stat(vm, "dataset.stat.max"), row.name());
            assertEquals(want[2], vm.detailTop().get(0).value(), row.name()); // the one value seen twice
            assertEquals(want[0], PreviewRows.cell(table.column(row.name()).orElseThrow(), 0), row.name());

            JFreeChart chart = ColumnChart.create(row.profile(), new Palette());
            chart.createBufferedImage(600, 300); // lays the axis out and picks its ticks
            DateAxis axis = assertInstanceOf(DateAxis.class, ((XYPlot) chart.getPlot()).getDomainAxis());
            assertEquals(TimeZone.getTimeZone("UTC"), axis.getTimeZone());
            DateTickUnit unit = axis.getTickUnit();
            String label = unit.dateToString(new Date(axis.getMinimumDate().getTime()));
            assertTrue(label.matches("\\d{4}-\\d{2}(-\\d{2})?"), row.name() + ": " + label);
            assertFalse(label.matches(".*\\d{6,}.*"), label);
        }
    }

    private static String stat(DatasetViewModel vm, String key) {
        return vm.detailStats().stream().filter(s -> s.label().equals(Messages.get(key))).findFirst().orElseThrow()
                .value();
    }
}
