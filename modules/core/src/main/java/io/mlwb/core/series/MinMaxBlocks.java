package io.mlwb.core.series;

import java.util.Arrays;

/**
 * A level of detail kept while a series grows: consecutive points in blocks of a power-of-two size, each block
 * remembering its lowest and highest finite point. When there would be more than {@code maxBlocks} blocks, pairs
 * merge and the block size doubles, so the summary never holds more than {@code 2 * maxBlocks} points whatever the
 * length of the series, and each append costs O(1) amortized. Not thread-safe.
 */
final class MinMaxBlocks {
    private final int maxBlocks;
    private int blockSize = 1;
    private int blocks;
    private double[] firstX;
    private int[] minI;
    private double[] minX;
    private double[] minY;
    private int[] maxI;
    private double[] maxX;
    private double[] maxY;

    MinMaxBlocks(int maxBlocks) {
        if (maxBlocks < 2 || Integer.bitCount(maxBlocks) != 1) {
            throw new IllegalArgumentException("maxBlocks must be a power of two, at least 2: " + maxBlocks);
        }
        this.maxBlocks = maxBlocks;
        firstX = new double[maxBlocks];
        minI = new int[maxBlocks];
        minX = new double[maxBlocks];
        minY = new double[maxBlocks];
        maxI = new int[maxBlocks];
        maxX = new double[maxBlocks];
        maxY = new double[maxBlocks];
    }

    int blockSize() {
        return blockSize;
    }

    /** Adds point {@code i}; points come in index order, 0, 1, 2, ... */
    void add(int i, double x, double y) {
        int b = i / blockSize;
        if (b == blocks) {
            if (blocks == maxBlocks) {
                merge();
                b = i / blockSize;
            }
            firstX[b] = x;
            minI[b] = -1;
            maxI[b] = -1;
            blocks++;
        }
        if (!Double.isFinite(y)) {
            return;
        }
        if (minI[b] < 0 || y < minY[b]) {
            minI[b] = i;
            minX[b] = x;
            minY[b] = y;
        }
        if (maxI[b] < 0 || y > maxY[b]) {
            maxI[b] = i;
            maxX[b] = x;
            maxY[b] = y;
        }
    }

    private void merge() {
        int half = blocks / 2;
        for (int k = 0; k < half; k++) {
            int l = 2 * k;
            int r = l + 1;
            firstX[k] = firstX[l];
            boolean rightMin = minI[r] >= 0 && (minI[l] < 0 || minY[r] < minY[l]);
            minI[k] = rightMin ? minI[r] : minI[l];
            minX[k] = rightMin ? minX[r] : minX[l];
            minY[k] = rightMin ? minY[r] : minY[l];
            boolean rightMax = maxI[r] >= 0 && (maxI[l] < 0 || maxY[r] > maxY[l]);
            maxI[k] = rightMax ? maxI[r] : maxI[l];
            maxX[k] = rightMax ? maxX[r] : maxX[l];
            maxY[k] = rightMax ? maxY[r] : maxY[l];
        }
        blocks = half;
        blockSize *= 2;
    }

    /**
     * The summary points of the blocks that hold points {@code [from, to)}: each block's lowest and highest point in
     * index order, or one NaN point at the block's start when it has no finite value.
     *
     * @return {@code [0]} x, {@code [1]} y, exactly as long as the points gathered
     */
    double[][] gather(int from, int to) {
        if (from >= to) {
            return new double[][] {new double[0], new double[0]};
        }
        int b0 = from / blockSize;
        int b1 = Math.min((to - 1) / blockSize, blocks - 1);
        double[] x = new double[2 * (b1 - b0 + 1)];
        double[] y = new double[x.length];
        int n = 0;
        for (int b = b0; b <= b1; b++) {
            if (minI[b] < 0) {
                x[n] = firstX[b];
                y[n++] = Double.NaN;
            } else if (minI[b] == maxI[b]) {
                x[n] = minX[b];
                y[n++] = minY[b];
            } else if (minI[b] < maxI[b]) {
                x[n] = minX[b];
                y[n++] = minY[b];
                x[n] = maxX[b];
                y[n++] = maxY[b];
            } else {
                x[n] = maxX[b];
                y[n++] = maxY[b];
                x[n] = minX[b];
                y[n++] = minY[b];
            }
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }
}
