package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A project folder for end-to-end tests of {@code mlwb}: its files committed to a new git repository, the CLI run
 * in-process against it ({@code --project DIR}), and what most of those tests do first — train a model with
 * {@code mlwb train}, register the run with {@code mlwb models register}, act as a git identity — plus the small
 * synthetic churn data they train on.
 */
final class CliProject {
    /** What one {@code mlwb} call ended with. */
    record Result(int code, String out, String err) {
    }

    private final Path dir;

    /** @param dir the project folder (a test's temporary folder) */
    CliProject(Path dir) {
        this.dir = dir;
    }

    /** @return the project folder */
    Path dir() {
        return dir;
    }

    /**
     * Writes the files (and a {@code .gitignore} that ignores {@code .mlwb/}) and commits them all, in a new
     * repository.
     *
     * @param message the commit message
     * @param files   path relative to the project → text
     * @return the commit's sha
     */
    String commit(String message, Map<String, String> files) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put(".gitignore", ".mlwb/\n");
        for (Map.Entry<String, String> f : all.entrySet()) {
            Path to = dir.resolve(f.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, f.getValue());
        }
        try (GitRepo git = GitRepo.init(dir)) {
            return git.commit(new ArrayList<>(all.keySet()), message).sha();
        }
    }

    /**
     * Copies files of a folder into the project and commits them (with a {@code .gitignore} of {@code .mlwb/}).
     *
     * @param from    the folder, e.g. a sample project
     * @param message the commit message
     * @param paths   the files to copy, relative to {@code from}; none copies every file below it
     */
    void commitCopies(Path from, String message, String... paths) throws Exception {
        List<String> files = new ArrayList<>(Arrays.asList(paths));
        if (files.isEmpty()) {
            try (var walk = Files.walk(from)) {
                walk.filter(Files::isRegularFile).forEach(f -> files.add(from.relativize(f).toString()
                        .replace('\\', '/')));
            }
        }
        for (String f : files) {
            Path to = dir.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(from.resolve(f), to);
        }
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        files.add(".gitignore");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(files, message);
        }
    }

    /**
     * Runs {@code mlwb --project DIR ARGS...} in-process.
     *
     * @param args the subcommand and its arguments
     * @return its exit code and what it printed
     */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--project";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code mlwb train ARGS... --quiet --json FILE} (FILE outside the project) and asserts exit 0.
     *
     * @param args what to train, e.g. {@code --data data/churn.csv --target churned --model logistic}, or a spec
     * @return the run's id
     */
    long train(String... args) throws Exception {
        Path json = Files.createTempFile("mlwb-train", ".json");
        try {
            String[] all = new String[args.length + 4];
            all[0] = "train";
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = "--quiet";
            all[args.length + 2] = "--json";
            all[args.length + 3] = json.toString();
            Result r = run(all);
            assertEquals(0, r.code(), r.err());
            return Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** {@link #train} a logistic regression of {@code churned} on {@code data/churn.csv}. */
    long trainChurn() throws Exception {
        return train("--data", "data/churn.csv", "--target", "churned", "--model", "logistic");
    }

    /**
     * Runs {@code mlwb models register RUN --name NAME MORE...} and asserts exit 0.
     *
     * @param run   the run's id
     * @param name  the model's name
     * @param more  further options, e.g. {@code --alias champion}
     * @return what it printed ({@code NAME@VERSION})
     */
    String register(long run, String name, String... more) {
        String[] all = new String[more.length + 5];
        all[0] = "models";
        all[1] = "register";
        all[2] = Long.toString(run);
        all[3] = "--name";
        all[4] = name;
        System.arraycopy(more, 0, all, 5, more.length);
        Result r = run(all);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    /** Acts as this git identity from now on: the repository's {@code user.name} and {@code user.email}. */
    void as(String name, String email) throws Exception {
        for (String[] kv : new String[][] {{"user.name", name}, {"user.email", email}}) {
            Process p = new ProcessBuilder("git", "config", kv[0], kv[1]).directory(dir.toFile()).inheritIO().start();
            assertEquals(0, p.waitFor());
        }
    }

    /**
     * Writes {@code text} after every level-2 heading of a card, as a person fills what the catalog cannot know.
     *
     * @param card the card's file
     * @param text a paragraph
     */
    static void fillByHand(Path card, String text) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readString(card).split("\n", -1)) {
            sb.append(line).append('\n');
            if (line.startsWith("## ")) {
                sb.append('\n').append(text).append('\n');
            }
        }
        Files.writeString(card, sb.toString());
    }

    /**
     * Churn rows without a header: {@code id,tenure,calls,label}, the label drawn from a logistic model of tenure and
     * calls; the same seed gives the same rows.
     */
    static String churnRows(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls;
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',').append(calls)
                    .append(',').append(y).append('\n');
        }
        return sb.toString();
    }

    /** {@link #churnRows} under the header {@code id,tenure,calls,churned}. */
    static String churn(int n, long seed) {
        return "id,tenure,calls,churned\n" + churnRows(n, seed);
    }

    /**
     * Churn data with a plan: {@code id,tenure,plan,calls,TARGET} with a header, the basic plan raising the odds.
     *
     * @param n      rows
     * @param seed   the random seed
     * @param target the label column's name
     * @return the CSV text
     */
    static String churnWithPlans(int n, long seed, String target) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,tenure,plan,calls," + target + "\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int plan = r.nextInt(3);
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls + (plan == 0 ? 0.8 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',')
                    .append(plans[plan]).append(',').append(calls).append(',').append(y).append('\n');
        }
        return sb.toString();
    }
}
