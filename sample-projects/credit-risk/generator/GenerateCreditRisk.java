/*
 * Generates the synthetic data of the credit-risk sample project.
 *
 *   java sample-projects/credit-risk/generator/GenerateCreditRisk.java [OUT_DIR]
 *
 * Single-file Java 17 program, no dependencies (run it with the source-file launcher). OUT_DIR defaults to the
 * sample's data/ folder (../data next to this file). Writes:
 *
 *   applications_2023.csv    24,000 applications dated 2023-01-01 .. 2023-12-31
 *   applications_2024q1.csv   6,000 applications dated 2024-01-01 .. 2024-03-31, drifted (see README.md)
 *
 * Deterministic: a fixed seed, java.util.SplittableRandom, StrictMath (bit-identical on every JVM), Locale.ROOT
 * formatting with fixed decimals and "\n" line ends, so every run writes byte-identical files.
 *
 * The target `defaulted` comes from a latent logistic model: a hidden financial-fragility factor drives the
 * credit score, delinquencies and debt-to-income (so they reveal it only partly) and, with the observed
 * features and noise, the log-odds of default. Sex and age are never in that model; they act only through the
 * features they are correlated with (income, employment, score), as in real lending data.
 */

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

public final class GenerateCreditRisk {

    /** The seed of the whole sample; change it and every file changes. */
    static final long SEED = 20_240_331L;
    /** Intercept and noise of the default model, tuned for ~7% defaults and a holdout AUC near 0.80. */
    static final double INTERCEPT = -5.45;
    static final double NOISE = 2.2;

    static final String[] COLUMNS = {
        "application_id", "application_date", "age", "age_band", "sex", "region", "employment_status",
        "employment_years", "annual_income", "home_ownership", "purpose", "channel", "loan_amount",
        "loan_term_months", "interest_rate", "credit_score", "debt_to_income", "num_open_accounts",
        "num_delinquencies_2y", "num_credit_inquiries_6m", "has_coapplicant", "notes", "defaulted"};

    static final String[] REGIONS = {"northeast", "southeast", "midwest", "southwest", "west"};
    static final double[] REGION_W = {0.18, 0.24, 0.21, 0.15, 0.22};
    static final double[] REGION_INCOME = {0.10, -0.08, -0.05, -0.03, 0.12};

    static final String[] PURPOSES = {"debt_consolidation", "credit_card", "home_improvement", "car", "medical",
        "small_business", "education", "vacation", "other"};
    static final double[] PURPOSE_W = {0.33, 0.18, 0.11, 0.12, 0.05, 0.05, 0.05, 0.05, 0.06};
    static final double[] PURPOSE_AMOUNT = {15_000, 9_000, 22_000, 18_000, 6_000, 25_000, 12_000, 5_000, 8_000};
    static final double[] PURPOSE_RISK = {0.15, 0.05, -0.25, -0.20, 0.30, 0.45, 0.10, 0.10, 0.05};

    static final String[] CHANNELS = {"branch", "online", "broker", "mobile_app", "bnpl_partner"};
    static final double[] CHANNEL_W_2023 = {0.22, 0.42, 0.14, 0.22, 0.00};
    static final double[] CHANNEL_W_2024 = {0.16, 0.37, 0.12, 0.25, 0.10};
    static final double[] CHANNEL_RISK = {-0.05, 0.0, 0.15, 0.05, 0.70};

    /** One period's settings: the drift of 2024Q1 is all here. */
    record Period(String file, String idPrefix, LocalDate first, LocalDate last, int rows, long seed,
                  boolean later) {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : defaultOutDir();
        Files.createDirectories(out);
        List<Period> periods = List.of(
                new Period("applications_2023.csv", "APP-2023-", LocalDate.of(2023, 1, 1),
                        LocalDate.of(2023, 12, 31), 24_000, SEED, false),
                new Period("applications_2024q1.csv", "APP-2024-", LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 3, 31), 6_000, SEED + 1, true));
        for (Period p : periods) {
            Path file = out.resolve(p.file());
            int[] stats = write(p, file);
            System.out.printf(Locale.ROOT, "%s: %d rows, %d defaults (%.2f%%)%n", file, stats[0], stats[1],
                    100.0 * stats[1] / stats[0]);
        }
    }

    /** ../data next to this source file (found from the launcher's arguments), else from the working folder. */
    static Path defaultOutDir() {
        Optional<String[]> argv = ProcessHandle.current().info().arguments();
        if (argv.isPresent()) {
            for (String a : argv.get()) {
                if (a.endsWith("GenerateCreditRisk.java")) {
                    Path gen = Path.of(a).toAbsolutePath().normalize().getParent();
                    if (gen != null && gen.getParent() != null) {
                        return gen.getParent().resolve("data");
                    }
                }
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path c : new Path[] {cwd.resolve("sample-projects/credit-risk"), cwd, cwd.getParent()}) {
            if (c != null && Files.isDirectory(c.resolve("generator"))) {
                return c.resolve("data");
            }
        }
        throw new IllegalStateException("Cannot find the sample's data/ folder; pass OUT_DIR");
    }

    static int[] write(Period p, Path file) throws IOException {
        SplittableRandom rnd = new SplittableRandom(p.seed());
        LocalDate[] dates = dates(p, rnd);
        int defaults = 0;
        StringBuilder sb = new StringBuilder(p.rows() * 140);
        sb.append(String.join(",", COLUMNS)).append('\n');
        for (int i = 0; i < p.rows(); i++) {
            Row r = applicant(p, dates[i], rnd);
            defaults += r.defaulted;
            sb.append(p.idPrefix()).append(String.format(Locale.ROOT, "%06d", i + 1));
            for (String cell : r.cells()) {
                sb.append(',').append(csv(cell));
            }
            sb.append('\n');
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(sb.toString());
        }
        return new int[] {p.rows(), defaults};
    }

    /** Application dates, sorted: fewer at weekends, a little seasonality and growth. */
    static LocalDate[] dates(Period p, SplittableRandom rnd) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = p.first(); !d.isAfter(p.last()); d = d.plusDays(1)) {
            days.add(d);
        }
        double[] cum = new double[days.size()];
        double total = 0;
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            double w = d.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.55 : d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.35
                    : 1.0;
            w *= 1.0 + 0.08 * StrictMath.sin(2 * StrictMath.PI * (d.getDayOfYear() - 60) / 365.0);
            w *= 1.0 + 0.015 * monthIndex(d);
            total += w;
            cum[i] = total;
        }
        LocalDate[] out = new LocalDate[p.rows()];
        for (int i = 0; i < out.length; i++) {
            double u = rnd.nextDouble() * total;
            int k = Arrays.binarySearch(cum, u);
            k = k >= 0 ? k : -k - 1;
            out[i] = days.get(Math.min(k, days.size() - 1));
        }
        Arrays.sort(out);
        return out;
    }

    /** Months since January 2023 (0 .. 14). */
    static int monthIndex(LocalDate d) {
        return (d.getYear() - 2023) * 12 + d.getMonthValue() - 1;
    }

    static final class Row {
        String date;
        int age;
        String ageBand;
        String sex;
        String region;
        String employment;
        Double employmentYears;
        Long income;
        String home;
        String purpose;
        String channel;
        long loanAmount;
        int term;
        double rate;
        int score;
        Double dti;
        int openAccounts;
        int delinquencies;
        int inquiries;
        boolean coapplicant;
        String notes;
        int defaulted;

        List<String> cells() {
            return List.of(date, Integer.toString(age), ageBand, sex, nz(region), employment,
                    employmentYears == null ? "" : String.format(Locale.ROOT, "%.1f", employmentYears),
                    income == null ? "" : Long.toString(income), nz(home), purpose, channel,
                    Long.toString(loanAmount), Integer.toString(term), String.format(Locale.ROOT, "%.2f", rate),
                    Integer.toString(score), dti == null ? "" : String.format(Locale.ROOT, "%.3f", dti),
                    Integer.toString(openAccounts), Integer.toString(delinquencies), Integer.toString(inquiries),
                    coapplicant ? "true" : "false", nz(notes), Integer.toString(defaulted));
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static Row applicant(Period p, LocalDate date, SplittableRandom rnd) {
        Row r = new Row();
        boolean later = p.later();
        int m = monthIndex(date);
        r.date = date.toString();

        // Who applies. Sex and age are never used in the default model below.
        r.region = REGIONS[pick(rnd, REGION_W)];
        int regionIx = indexOf(REGIONS, r.region);
        r.sex = rnd.nextDouble() < 0.47 ? "F" : "M";
        boolean female = r.sex.equals("F");
        int age;
        do {
            age = (int) StrictMath.round(41 + 13.5 * gauss(rnd) - (later ? 1.5 : 0));
        } while (age < 18 || age > 79);
        r.age = age;
        r.ageBand = age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 55 ? "45-54"
                : age < 65 ? "55-64" : "65+";

        // Employment: part-time work is more common for women, unemployment for the young, retirement for the old.
        double[] empW;
        if (age >= 65) {
            empW = new double[] {0.22, 0.10, 0.06, 0.02, 0.60};
        } else {
            empW = new double[] {0.67, 0.12, female ? 0.14 : 0.06, age < 25 ? 0.10 : 0.045,
                age >= 58 ? 0.08 : 0.005};
        }
        String[] emps = {"employed", "self_employed", "part_time", "unemployed", "retired"};
        r.employment = emps[pick(rnd, empW)];
        double working = age - 18;
        double years;
        switch (r.employment) {
            case "unemployed" -> years = StrictMath.min(working, 3.0 * rnd.nextDouble());
            case "retired" -> years = working * (0.3 + 0.6 * rnd.nextDouble());
            default -> years = working * StrictMath.pow(rnd.nextDouble(), 1.6);
        }
        years = StrictMath.min(StrictMath.round(years * 10) / 10.0, 45.0);

        // The hidden fragility: what the bureau data only partly reveals.
        double fragility = gauss(rnd) + (later ? 0.12 : 0.0);

        // Income (log-normal) with age, employment, sex and region effects; 2024Q1 incomes are lower.
        double logInc = StrictMath.log(54_000) + 0.42 * gauss(rnd) - 0.0005 * sq(age - 50) - 0.08 * fragility
                + REGION_INCOME[regionIx] + (female ? -0.10 : 0.0) + (later ? -0.09 : 0.0);
        switch (r.employment) {
            case "self_employed" -> logInc += 0.05 + 0.25 * gauss(rnd);
            case "part_time" -> logInc -= 0.60;
            case "unemployed" -> logInc -= 1.10;
            case "retired" -> logInc -= 0.35;
            default -> { }
        }
        double income = StrictMath.max(6_000, StrictMath.round(StrictMath.exp(logInc) / 100.0) * 100.0);

        // Home ownership by age and income.
        double young = age < 30 ? 1 : 0;
        double[] homeW = {0.30 + 0.35 * young, 0.38 + 0.25 * clamp(StrictMath.log(income / 54_000), -1, 1)
                - 0.25 * young, age >= 55 ? 0.30 : 0.10, 0.03};
        String[] homes = {"rent", "mortgage", "own", "other"};
        r.home = homes[pick(rnd, homeW)];

        // Bureau data.
        r.delinquencies = poisson(rnd, 0.13 * StrictMath.exp(0.85 * fragility));
        r.inquiries = poisson(rnd, 0.9 * StrictMath.exp(0.30 * fragility));
        r.openAccounts = 1 + poisson(rnd, 2.2 + 0.10 * StrictMath.min(working, 30) + 0.5 * StrictMath.max(
                fragility, 0));
        double score = 700 - 44 * fragility - 20 * StrictMath.min(r.delinquencies, 3) + 1.3 * (StrictMath.min(age,
                62) - 40) + 12 * StrictMath.log(income / 54_000) - 4 * r.inquiries + 26 * gauss(rnd)
                - (later ? 14 : 0);
        r.score = (int) clamp(StrictMath.round(score), 300, 850);

        // What for, and through which channel.
        double[] purW = PURPOSE_W.clone();
        if (fragility > 0.8) {
            purW[0] *= 1.5;
            purW[4] *= 1.6;
        }
        if (age < 30) {
            purW[6] *= 2.5;
        }
        if (r.employment.equals("self_employed")) {
            purW[5] *= 4;
        }
        if (r.home.equals("rent") || r.home.equals("other")) {
            purW[2] *= 0.25;
        }
        if (later) {
            purW[0] *= 1.45;
        }
        r.purpose = PURPOSES[pick(rnd, purW)];
        int purposeIx = indexOf(PURPOSES, r.purpose);
        double[] chW = (later ? CHANNEL_W_2024 : CHANNEL_W_2023).clone();
        if (age < 35) {
            chW[3] *= 1.8;
            chW[4] *= 2.2;
            chW[0] *= 0.6;
        } else if (age >= 60) {
            chW[0] *= 2.0;
            chW[3] *= 0.5;
            chW[4] *= 0.4;
        }
        r.channel = CHANNELS[pick(rnd, chW)];
        boolean bnpl = r.channel.equals("bnpl_partner");

        // The loan.
        double amount = PURPOSE_AMOUNT[purposeIx] * StrictMath.exp(0.45 * gauss(rnd))
                * StrictMath.pow(income / 54_000, 0.4) * (bnpl ? 0.35 : 1.0);
        r.loanAmount = (long) clamp(StrictMath.round(amount / 100.0) * 100, 1_000, 50_000);
        double[] termW;
        if (bnpl) {
            termW = new double[] {0.65, 0.35, 0, 0, 0};
        } else if (r.purpose.equals("car")) {
            termW = new double[] {0.02, 0.08, 0.30, 0.30, 0.30};
        } else if (r.loanAmount >= 20_000) {
            termW = new double[] {0.02, 0.08, 0.35, 0.20, 0.35};
        } else {
            termW = new double[] {0.12, 0.25, 0.45, 0.08, 0.10};
        }
        int[] terms = {12, 24, 36, 48, 60};
        r.term = terms[pick(rnd, termW)];
        r.coapplicant = rnd.nextDouble() < (r.home.equals("mortgage") ? 0.18 : 0.08);

        // Risk-based pricing on top of a base rate that rose through 2023 and again into 2024.
        double base = later ? 8.3 + 0.05 * (m - 12) : 6.2 + 0.09 * m;
        double rate = base + 0.034 * StrictMath.max(0, 760 - r.score) + 0.6 * StrictMath.min(r.delinquencies, 3)
                + (r.term == 60 ? 1.0 : r.term == 48 ? 0.6 : r.term == 12 ? -0.5 : 0)
                + (r.channel.equals("broker") ? 0.8 : bnpl ? 3.5 : 0) - (r.coapplicant ? 0.4 : 0)
                + 0.7 * gauss(rnd);
        r.rate = clamp(StrictMath.round(rate * 100) / 100.0, 3.99, 35.99);

        // Debt-to-income after the new loan: existing debt (driven by fragility) plus this loan's payment.
        double existing = 0.15 * StrictMath.exp(0.40 * gauss(rnd) + 0.30 * fragility)
                * StrictMath.pow(income / 54_000, -0.25);
        double payment = annuity(r.loanAmount, r.rate, r.term) * 12 / income;
        double dti = clamp(existing + payment, 0.0, 1.5);
        dti = StrictMath.round(dti * 1000) / 1000.0;

        // The latent logistic model of default. No sex, no age, no region.
        double lti = r.loanAmount / income;
        double z = INTERCEPT
                + 0.55 * fragility
                - 0.0105 * (r.score - 690)
                + 2.4 * (dti - 0.30)
                + 0.22 * r.delinquencies
                + 0.06 * r.inquiries
                + 0.35 * StrictMath.log(StrictMath.max(lti, 0.01) / 0.25)
                - 0.30 * StrictMath.log(income / 54_000)
                + switch (r.employment) {
                    case "unemployed" -> 0.65;
                    case "part_time" -> 0.25;
                    case "self_employed" -> 0.20;
                    case "retired" -> -0.10;
                    default -> 0.0;
                }
                + (years < 1 && !r.employment.equals("retired") ? 0.30 : 0.0)
                + PURPOSE_RISK[purposeIx]
                + switch (r.home) {
                    case "rent" -> 0.20;
                    case "own" -> -0.20;
                    case "mortgage" -> -0.10;
                    default -> 0.10;
                }
                + (r.term == 60 ? 0.30 : r.term == 48 ? 0.15 : r.term == 12 ? -0.20 : 0.0)
                + (r.coapplicant ? -0.35 : 0.0)
                + CHANNEL_RISK[indexOf(CHANNELS, r.channel)]
                + 0.03 * (r.rate - 11)
                + NOISE * gauss(rnd);
        r.defaulted = rnd.nextDouble() < 1 / (1 + StrictMath.exp(-z)) ? 1 : 0;

        // What the file shows: some values missing, as in a real extract.
        double incomeMissing = r.employment.equals("self_employed") ? 0.065 : 0.026;
        r.income = rnd.nextDouble() < incomeMissing ? null : (long) income;
        double yearsMissing = r.employment.equals("unemployed") ? 0.35 : r.employment.equals("retired") ? 0.10
                : 0.042;
        r.employmentYears = rnd.nextDouble() < yearsMissing ? null : years;
        r.dti = rnd.nextDouble() < 0.005 ? null : dti;
        if (rnd.nextDouble() < 0.003) {
            r.home = null;
        }
        if (rnd.nextDouble() < 0.002) {
            r.region = null;
        }
        r.notes = notes(r, years, rnd);
        return r;
    }

    /** A few words an underwriter might type; most applications have none. */
    static String notes(Row r, double years, SplittableRandom rnd) {
        if (rnd.nextDouble() > 0.16) {
            return null;
        }
        List<String> options = new ArrayList<>(List.of("requested lower rate", "returning customer",
                "prefers email contact", "asked about early repayment", "income verified via payslip",
                "documents received", "called to check status", "recent address change"));
        if (r.employment.equals("self_employed")) {
            options.add("self-employed, seasonal income");
            options.add("self-employed, two years of tax returns");
        }
        if (r.purpose.equals("debt_consolidation")) {
            options.add("consolidating two credit cards");
        }
        if (r.coapplicant) {
            options.add("co-applicant income not verified");
        }
        if (years < 1 && !r.employment.equals("retired")) {
            options.add("recent job change");
        }
        if (r.channel.equals("bnpl_partner")) {
            options.add("checkout financing, partner referral");
        }
        if (r.channel.equals("broker")) {
            options.add("broker fee disclosed");
        }
        if (r.income == null) {
            options.add("income not stated");
        }
        return options.get(rnd.nextInt(options.size()));
    }

    static double annuity(double principal, double ratePct, int months) {
        double i = ratePct / 100 / 12;
        return principal * i / (1 - StrictMath.pow(1 + i, -months));
    }

    static String csv(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    static int pick(SplittableRandom rnd, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }

    static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException(v);
    }

    /** Standard normal by Box-Muller, with StrictMath so every JVM gives the same bits. */
    static double gauss(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    static int poisson(SplittableRandom rnd, double lambda) {
        double l = StrictMath.exp(-lambda);
        double prod = rnd.nextDouble();
        int k = 0;
        while (prod > l) {
            prod *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    static double sq(double x) {
        return x * x;
    }

    static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }
}
