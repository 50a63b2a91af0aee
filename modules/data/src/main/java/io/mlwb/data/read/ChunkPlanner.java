package io.mlwb.data.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splits delimited text into chunks that start at row starts. Quote parity decides what is inside quotes (as in
 * {@link DelimitedParser}), so the quote state at each nominal boundary is the parity of the quotes before it:
 * count the quotes of every nominal chunk in parallel, take prefix parities, then move each boundary to just after
 * the first line break outside quotes.
 */
final class ChunkPlanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
            counts.add(pool.submit(() -> quotes(b, s, e)));
        }
        List<Integer> bounds = new ArrayList<>();
        bounds.add(start);
        int state = 0;
        try {
            for (int i = 1; i < n; i++) {
                state ^= counts.get(i - 1).get() & 1;
                int p = nominal[i];
                int s = state;
                while (p < end) {
                    byte c = b[p];
                    if (c == '"') {
                        s ^= 1;
                    } else if (c == '\n' && s == 0) {
                        break;
                    }
                    p++;
                }
                int rowStart = Math.min(p + 1, end);
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

    /** Counts quote bytes eight at a time (SWAR: a byte equal to '"' becomes zero, zero bytes are counted exactly). */
    static int quotes(byte[] b, int s, int e) {
        int n = 0;
        int i = s;
        for (; i + 8 <= e; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x2222_2222_2222_2222L;
            long t = ((x & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | x;
            n += Long.bitCount(~(t | 0x7F7F_7F7F_7F7F_7F7FL));
        }
        for (; i < e; i++) {
            if (b[i] == '"') {
                n++;
            }
        }
        return n;
    }
}
