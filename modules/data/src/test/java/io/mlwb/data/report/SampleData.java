package io.mlwb.data.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small generated CSV files for the dataset tests. */
final class SampleData {
    /** The columns of {@link #loans}. */
    static final String HEADER = "id,age,income,city,active,signup,constant,defaulted";
    static final int COLUMNS = 8;

    private SampleData() {
    }

    /**
     * Writes {@code rows} rows: an id, two correlated numbers (age with 10% missing), a categorical city, a boolean,
     * a date, a constant column (an alert) and a 0/1 target.
     */
    static Path loans(Path dir, String name, int rows) throws IOException {
        Random rnd = new Random(7);
        String[] cities = {"paris", "lyon", "nantes", "lille"};
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            int age = 20 + rnd.nextInt(50);
            double income = 1000 + age * 50 + rnd.nextGaussian() * 200;
            b.append("ID-").append(i).append(',')
                    .append(i % 10 == 3 ? "" : Integer.toString(age)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", income)).append(',')
                    .append(cities[rnd.nextInt(i % 2 == 0 ? 2 : 4)]).append(',')
                    .append(rnd.nextBoolean()).append(',')
                    .append(String.format(Locale.ROOT, "2023-%02d-%02d", 1 + i % 12, 1 + i % 28)).append(',')
                    .append("x,")
                    .append(income > 2800 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }
}
