/*
 * Checks that the credit-risk sample is realistic: prints its data facts and the AUC of a plain logistic
 * regression.
 *
 *   java sample-projects/credit-risk/generator/CheckAuc.java [DATA_DIR]
 *
 * Single-file Java 17 program, no dependencies. DATA_DIR defaults to the sample's data/ folder. The model:
 * numeric features standardized (missing values imputed with the training mean, plus a missing indicator),
 * categoricals one-hot (categories unseen in training get all zeros), full-batch gradient descent with a little
 * L2, trained on 2023 applications dated January to September; AUC is reported on October to December 2023
 * and on 2024Q1. The id, the date, the free-text notes and the sensitive attributes (age_band, sex) are not
 * features.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public final class CheckAuc {

    static final String[] NUMERIC = {"age", "employment_years", "annual_income", "loan_amount", "loan_term_months",
        "interest_rate", "credit_score", "debt_to_income", "num_open_accounts", "num_delinquencies_2y",
        "num_credit_inquiries_6m"};
    static final String[] CATEGORICAL = {"region", "employment_status", "home_ownership", "purpose", "channel",
        "has_coapplicant"};

    record Table(List<String> header, List<String[]> rows) {
        int col(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name);
            }
            return i;
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : defaultDataDir();
        Table t23 = read(dir.resolve("applications_2023.csv"));
        Table t24 = read(dir.resolve("applications_2024q1.csv"));
        facts("applications_2023", t23);
        facts("applications_2024q1", t24);
        drift(t23, t24);

        int date = t23.col("application_date");
        List<String[]> train = new ArrayList<>();
        List<String[]> test = new ArrayList<>();
        for (String[] r : t23.rows()) {
            (r[date].compareTo("2023-10-01") < 0 ? train : test).add(r);
        }
        Model model = Model.fit(t23, train);
        System.out.printf(Locale.ROOT, "%nLogistic regression trained on 2023-01..09 (%d rows, %d features)%n",
                train.size(), model.width);
        System.out.printf(Locale.ROOT, "AUC train 2023-01..09: %.4f%n", auc(model, t23, train));
        System.out.printf(Locale.ROOT, "AUC holdout 2023-10..12 (%d rows): %.4f%n", test.size(),
                auc(model, t23, test));
        System.out.printf(Locale.ROOT, "AUC 2024Q1 (%d rows): %.4f%n", t24.rows().size(),
                auc(model, t24, t24.rows()));
    }

    static Path defaultDataDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path c : new Path[] {cwd.resolve("sample-projects/credit-risk"), cwd, cwd.getParent()}) {
            if (c != null && Files.isDirectory(c.resolve("generator"))) {
                return c.resolve("data");
            }
        }
        throw new IllegalStateException("pass DATA_DIR");
    }

    static void facts(String name, Table t) {
        int y = t.col("defaulted");
        long defaults = t.rows().stream().filter(r -> r[y].equals("1")).count();
        System.out.printf(Locale.ROOT, "%n== %s: %d rows, %d defaults (%.2f%%)%n", name, t.rows().size(), defaults,
                100.0 * defaults / t.rows().size());
        StringBuilder miss = new StringBuilder("missing %:");
        for (int c = 0; c < t.header().size(); c++) {
            int cc = c;
            long n = t.rows().stream().filter(r -> r[cc].isEmpty()).count();
            if (n > 0) {
                miss.append(String.format(Locale.ROOT, " %s=%.2f", t.header().get(c), 100.0 * n / t.rows().size()));
            }
        }
        System.out.println(miss);
        for (String g : List.of("age_band", "sex", "employment_status", "channel", "purpose")) {
            int gc = t.col(g);
            Map<String, long[]> by = new TreeMap<>();
            for (String[] r : t.rows()) {
                long[] a = by.computeIfAbsent(r[gc], k -> new long[2]);
                a[0]++;
                a[1] += r[y].equals("1") ? 1 : 0;
            }
            StringBuilder sb = new StringBuilder("default rate by " + g + ":");
            by.forEach((k, a) -> sb.append(String.format(Locale.ROOT, " %s=%.1f%%(n=%d)", k, 100.0 * a[1] / a[0],
                    a[0])));
            System.out.println(sb);
        }
    }

    static void drift(Table a, Table b) {
        System.out.println("\n== 2023 vs 2024Q1");
        for (String c : List.of("annual_income", "interest_rate", "credit_score", "debt_to_income", "loan_amount",
                "age")) {
            System.out.printf(Locale.ROOT, "mean %s: %.3f -> %.3f%n", c, mean(a, c), mean(b, c));
        }
        for (String c : List.of("purpose", "channel")) {
            Map<String, Double> sa = shares(a, c);
            Map<String, Double> sb = shares(b, c);
            StringBuilder s = new StringBuilder("share " + c + ":");
            TreeMap<String, Double> all = new TreeMap<>(sa);
            sb.forEach(all::putIfAbsent);
            for (String k : all.keySet()) {
                s.append(String.format(Locale.ROOT, " %s %.1f%%->%.1f%%", k, 100 * sa.getOrDefault(k, 0.0),
                        100 * sb.getOrDefault(k, 0.0)));
            }
            System.out.println(s);
        }
    }

    static double mean(Table t, String c) {
        int i = t.col(c);
        return t.rows().stream().filter(r -> !r[i].isEmpty()).mapToDouble(r -> Double.parseDouble(r[i])).average()
                .orElse(Double.NaN);
    }

    static Map<String, Double> shares(Table t, String c) {
        int i = t.col(c);
        Map<String, Double> m = new TreeMap<>();
        for (String[] r : t.rows()) {
            m.merge(r[i], 1.0 / t.rows().size(), Double::sum);
        }
        return m;
    }

    /** Standardized numerics + missing indicators + one-hot categoricals, then logistic regression. */
    static final class Model {
        final double[] mean = new double[NUMERIC.length];
        final double[] sd = new double[NUMERIC.length];
        final List<Map<String, Integer>> levels = new ArrayList<>();
        int width;
        double[] w;

        static Model fit(Table t, List<String[]> rows) {
            Model m = new Model();
            for (int j = 0; j < NUMERIC.length; j++) {
                int c = t.col(NUMERIC[j]);
                double s = 0;
                double s2 = 0;
                int n = 0;
                for (String[] r : rows) {
                    if (!r[c].isEmpty()) {
                        double v = Double.parseDouble(r[c]);
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
                m.mean[j] = s / n;
                m.sd[j] = Math.sqrt(Math.max(s2 / n - m.mean[j] * m.mean[j], 1e-12));
            }
            int width = 1 + 2 * NUMERIC.length;
            for (String cat : CATEGORICAL) {
                int c = t.col(cat);
                Map<String, Integer> lv = new LinkedHashMap<>();
                rows.stream().map(r -> r[c]).distinct().sorted(Comparator.naturalOrder()).forEach(v -> lv.put(v,
                        lv.size()));
                m.levels.add(lv);
                width += lv.size();
            }
            m.width = width;
            double[][] x = new double[rows.size()][];
            double[] yv = new double[rows.size()];
            int yc = t.col("defaulted");
            for (int i = 0; i < rows.size(); i++) {
                x[i] = m.features(t, rows.get(i));
                yv[i] = rows.get(i)[yc].equals("1") ? 1 : 0;
            }
            double[] w = new double[width];
            double lr = 0.5;
            double l2 = 1e-4;
            for (int it = 0; it < 1500; it++) {
                double[] g = new double[width];
                for (int i = 0; i < x.length; i++) {
                    double err = sigmoid(dot(w, x[i])) - yv[i];
                    for (int k = 0; k < width; k++) {
                        g[k] += err * x[i][k];
                    }
                }
                for (int k = 0; k < width; k++) {
                    w[k] -= lr * (g[k] / x.length + (k == 0 ? 0 : l2 * w[k]));
                }
            }
            m.w = w;
            return m;
        }

        double[] features(Table t, String[] r) {
            double[] f = new double[width];
            f[0] = 1;
            for (int j = 0; j < NUMERIC.length; j++) {
                String v = r[t.col(NUMERIC[j])];
                if (v.isEmpty()) {
                    f[1 + 2 * j + 1] = 1;
                } else {
                    f[1 + 2 * j] = (Double.parseDouble(v) - mean[j]) / sd[j];
                }
            }
            int off = 1 + 2 * NUMERIC.length;
            for (int k = 0; k < CATEGORICAL.length; k++) {
                Integer ix = levels.get(k).get(r[t.col(CATEGORICAL[k])]);
                if (ix != null) {
                    f[off + ix] = 1;
                }
                off += levels.get(k).size();
            }
            return f;
        }

        double predict(Table t, String[] r) {
            return sigmoid(dot(w, features(t, r)));
        }
    }

    static double auc(Model m, Table t, List<String[]> rows) {
        int yc = t.col("defaulted");
        int n = rows.size();
        double[][] sy = new double[n][2];
        for (int i = 0; i < n; i++) {
            sy[i][0] = m.predict(t, rows.get(i));
            sy[i][1] = rows.get(i)[yc].equals("1") ? 1 : 0;
        }
        Arrays.sort(sy, Comparator.comparingDouble(a -> a[0]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && sy[j + 1][0] == sy[i][0]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sy[k][1] == 1) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Reads an RFC 4180 CSV file with a header (quoted cells may hold commas and doubled quotes). */
    static Table read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(split(lines.get(0)));
        List<String[]> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = split(line);
            if (cells.length != header.size()) {
                throw new IllegalStateException("bad row: " + line);
            }
            rows.add(cells);
        }
        return new Table(header, rows);
    }

    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
