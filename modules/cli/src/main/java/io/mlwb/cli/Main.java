package io.mlwb.cli;

/** Entry point of the mlwb command line. */
public final class Main {
    private Main() {
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.out.println("mlwb");
    }
}
