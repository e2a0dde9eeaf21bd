import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the receiver: THREADS clients post batches of BATCH Enforcement-API events
 * (domains taken in order from CORPUS, never repeated) to URL until REQUESTS batches are sent.
 * Prints events/s and latency percentiles. Uses only the JDK.
 *
 *   java PostEvents.java URL CORPUS THREADS BATCH REQUESTS
 */
public class PostEvents {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        List<String> domains = Files.readAllLines(Path.of(a[1]));
        int threads = Integer.parseInt(a[2]);
        int batch = Integer.parseInt(a[3]);
        int requests = Integer.parseInt(a[4]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                int r;
                while ((r = next.getAndIncrement()) < requests) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < batch; i++) {
                        String d = domains.get((r * batch + i) % domains.size());
                        if (i > 0) {
                            body.append(',');
                        }
                        body.append("{\"alertTime\":\"2026-01-01T00:00:00Z\",\"deviceId\":\"d\",\"deviceVersion\":\"1\",\"dstDomain\":\"")
                                .append(d).append("\",\"dstUrl\":\"http://").append(d)
                                .append("/\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"}");
                    }
                    body.append(']');
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - s);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d requests x %d events in %.1f s: %.0f events/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d failures%n",
                requests, batch, seconds, requests * batch / seconds, pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6,
                failures.get());
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
