package io.mlwb.data.read;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splits delimited text into chunks that start at row starts. Quote parity decides what is inside quotes (the
 * {@link QuoteScanner} that {@link DelimitedParser} uses too), so the quote state at each nominal boundary is the
 * parity of the quotes before it: count the quotes of every nominal chunk in parallel, take prefix parities, then
 * move each boundary to just after the first line break outside quotes.
 */
final class ChunkPlanner {
    private ChunkPlanner() {
    }

    /**
     * The chunks, and how many line feeds each holds: an upper bound of its rows (every row but a last unterminated
     * one ends with its own line feed outside quotes; line feeds inside quotes and empty lines only add to it).
     *
     * @param bounds increasing positions from start to end: chunk i is {@code [bounds[i], bounds[i+1])}
     * @param lines  the line feeds of each chunk
     */
    record Plan(int[] bounds, int[] lines) {
        /** @return chunk i's row bound: its line feeds, and one more for a last row without one */
        int rowBound(int i, byte[] b) {
            int end = bounds[i + 1];
            return lines[i] + (i == lines.length - 1 && end > bounds[i] && b[end - 1] != '\n' ? 1 : 0);
        }
    }

    /** @return the chunks of {@code [start, end)} and the line feeds in each */
    static Plan chunks(byte[] b, int start, int end, int chunkBytes, ExecutorService pool) {
        long span = (long) end - start;
        int n = (int) Math.max(1, (span + chunkBytes - 1) / chunkBytes);
        if (n == 1) {
            return new Plan(new int[] {start, end}, new int[] {QuoteScanner.lines(b, start, end)});
        }
        int[] nominal = new int[n + 1];
        for (int i = 0; i < n; i++) {
            nominal[i] = (int) (start + (long) i * chunkBytes);
        }
        nominal[n] = end;
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = nominal[i];
            int e = nominal[i + 1];
            counts.add(pool.submit(() -> QuoteScanner.countQuotesAndLines(b, s, e)));
        }
        List<Integer> bounds = new ArrayList<>();
        // linesBefore.get(k): the line feeds in [start, bounds.get(k))
        List<Integer> linesBefore = new ArrayList<>();
        bounds.add(start);
        linesBefore.add(0);
        int state = 0;
        int lines = 0; // the line feeds in [start, nominal[i])
        try {
            for (int i = 1; i < n; i++) {
                long c = counts.get(i - 1).get();
                state ^= (int) (c >>> 32) & 1;
                lines += (int) c;
                int next = QuoteScanner.rowEnd(b, nominal[i], end, state == 1);
                int rowStart = next < 0 ? end : next;
                if (rowStart > bounds.get(bounds.size() - 1) && rowStart < end) {
                    bounds.add(rowStart);
                    linesBefore.add(rowStart <= nominal[i + 1]
                            ? lines + QuoteScanner.lines(b, nominal[i], rowStart)
                            : linesThrough(b, counts, nominal, i, lines, rowStart));
                }
            }
            lines += (int) counts.get(n - 1).get().longValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.mlwb.core.job.Cancelled();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        bounds.add(end);
        linesBefore.add(lines);
        int[] perChunk = new int[bounds.size() - 1];
        for (int k = 0; k < perChunk.length; k++) {
            perChunk[k] = linesBefore.get(k + 1) - linesBefore.get(k);
        }
        return new Plan(bounds.stream().mapToInt(Integer::intValue).toArray(), perChunk);
    }

    /** The line feeds in [start, pos) for a row start found past the next nominal boundary (a row longer than a chunk). */
    private static int linesThrough(byte[] b, List<Future<Long>> counts, int[] nominal, int i, int linesBeforeI,
                                    int pos) throws InterruptedException, ExecutionException {
        int lines = linesBeforeI;
        int k = i;
        while (k + 1 < nominal.length - 1 && nominal[k + 1] <= pos) {
            lines += (int) counts.get(k).get().longValue();
            k++;
        }
        return lines + QuoteScanner.lines(b, nominal[k], pos);
    }
}
