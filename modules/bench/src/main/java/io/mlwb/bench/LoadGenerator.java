package io.mlwb.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serve-throughput load generator, run in its own JVM so it does not share the server's heap, JIT or GC:
 * {@code LoadGenerator HOST PORT PATH BODYFILE CONNECTIONS WARMUP_S MEASURE_S}. Each connection is one thread on a
 * raw keep-alive socket sending the same POST back to back (closed loop); latencies of the measured window are
 * kept and printed as one line: {@code RESULT requests=N seconds=S p50_ms=X p99_ms=Y errors=E}.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /**
     * @param args host, port, path, body file, connections, warm-up seconds, measured seconds
     */
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        int connections = Integer.parseInt(args[4]);
        double warmup = Double.parseDouble(args[5]);
        double measure = Double.parseDouble(args[6]);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);

        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[connections][];
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        long dt = System.nanoTime() - t0;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                        if (measuring.get()) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = dt;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    lat[id] = mine;
                    counts[id] = n;
                    done.countDown();
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep((long) (warmup * 1000));
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (measure * 1000));
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        done.await();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(lat[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[(int) (0.50 * (total - 1))] / 1e6;
        double p99 = total == 0 ? 0 : all[(int) (0.99 * (total - 1))] / 1e6;
        System.out.println(String.format(Locale.ROOT, "RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f "
                + "errors=%d", total, seconds, p50, p99, errors.get()));
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() == 0) {
                break;
            }
            String l = line.toString();
            if (status < 0) {
                status = Integer.parseInt(l.substring(9, 12));
            } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(l.substring(15).trim());
            }
        }
        long skipped = 0;
        while (skipped < length) {
            long k = in.skip(length - skipped);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                k = 1;
            }
            skipped += k;
        }
        return status;
    }
}
