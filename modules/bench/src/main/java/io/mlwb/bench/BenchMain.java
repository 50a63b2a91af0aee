package io.mlwb.bench;

/** Entry point of the benchmark jar. */
public final class BenchMain {
    private BenchMain() {
    }

    /** @param args benchmark name */
    public static void main(String[] args) {
        System.out.println("bench");
    }
}
