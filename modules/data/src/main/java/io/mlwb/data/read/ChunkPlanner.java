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

    /** @return increasing positions from {@code start} to {@code end}: chunk i is [r[i], r[i+1]) */
    static int[] plan(byte[] b, int start, int end, int chunkBytes, ExecutorService pool) {
        long span = (long) end - start;
        int n = (int) Math.max(1, (span + chunkBytes - 1) / chunkBytes);
        if (n == 1) {
            return new int[] {start, end};
        }
        int[] nominal = new int[n + 1];
        for (int i = 0; i < n; i++) {
            nominal[i] = (int) (start + (long) i * chunkBytes);
        }
        nominal[n] = end;
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = nominal[i];
            int e = nominal[i + 1];
            counts.add(pool.submit(() -> QuoteScanner.count(b, s, e)));
        }
        List<Integer> bounds = new ArrayList<>();
        bounds.add(start);
        int state = 0;
        try {
            for (int i = 1; i < n; i++) {
                state ^= counts.get(i - 1).get() & 1;
                int next = QuoteScanner.rowEnd(b, nominal[i], end, state == 1);
                int rowStart = next < 0 ? end : next;
                if (rowStart > bounds.get(bounds.size() - 1) && rowStart < end) {
                    bounds.add(rowStart);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.mlwb.core.job.Cancelled();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        bounds.add(end);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }
}
