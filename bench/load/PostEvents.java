import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the receiver: THREADS clients post batches of BATCH Enforcement-API events
 * (domains taken in order from CORPUS, never repeated) to URL until REQUESTS batches are sent.
 * Prints events/s and latency percentiles, and the outcome of every request by status code
 * (or by error: timeout, connect-timeout, connect, or the exception's class). Uses only the JDK.
 *
 *   java PostEvents.java URL CORPUS THREADS BATCH REQUESTS [TIMEOUT_S [CONNECT_TIMEOUT_S [LIMIT_S [WARMUP]]]]
 *
 * TIMEOUT_S bounds each request, from sending it to the end of the response (default 0 = none,
 * as before); CONNECT_TIMEOUT_S bounds opening a connection (default 5); LIMIT_S bounds the run:
 * no request starts after it (default 0 = none), and the summary says how many were sent.
 * events/s counts only the events of requests answered 202; latencies include failed requests
 * (a timed-out one counts as its timeout). With -Dpostevents.kv=FILE it also writes the figures
 * to FILE as key=value lines, for scripts. WARMUP (default 0) batches are sent first by the same
 * clients and left out of every figure: they carry both JVMs' just-in-time compilation, which a
 * sustained rate is not about. Warm-up and measured batches never repeat a domain.
 */
public class PostEvents {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        List<String> domains = Files.readAllLines(Path.of(a[1]));
        int threads = Integer.parseInt(a[2]);
        int batch = Integer.parseInt(a[3]);
        int requests = Integer.parseInt(a[4]);
        double timeout = a.length > 5 ? Double.parseDouble(a[5]) : 0;
        double connectTimeout = a.length > 6 ? Double.parseDouble(a[6]) : 5;
        double limit = a.length > 7 ? Double.parseDouble(a[7]) : 0;
        int warmup = a.length > 8 ? Integer.parseInt(a[8]) : 0;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis((long) (connectTimeout * 1000))).build();
        if (warmup > 0) {
            Map<String, Integer> warmOutcomes = Collections.synchronizedMap(new TreeMap<>());
            run(client, url, domains, threads, batch, 0, warmup, timeout, Long.MAX_VALUE, Collections.synchronizedList(new ArrayList<>()), new AtomicInteger(),
                    new AtomicInteger(), new AtomicInteger(), warmOutcomes);
            System.out.println("warm-up: " + warmup + " requests, outcomes " + warmOutcomes);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());
        long start = System.nanoTime();
        long stopAt = limit > 0 ? start + (long) (limit * 1e9) : Long.MAX_VALUE;
        run(client, url, domains, threads, batch, warmup, requests, timeout, stopAt, latencies, failures, accepted, sent, outcomes);
        report(start, latencies, outcomes, sent, accepted, failures, requests, batch, limit);
    }

    /** THREADS clients send batches {@code from} .. {@code from + requests - 1} of the corpus. */
    static void run(HttpClient client, String url, List<String> domains, int threads, int batch, int from, int requests, double timeout,
                    long stopAt, List<Long> latencies, AtomicInteger failures, AtomicInteger accepted, AtomicInteger sent,
                    Map<String, Integer> outcomes) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                int n;
                while (System.nanoTime() < stopAt && (n = next.getAndIncrement()) < requests) {
                    int r = from + n;
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
                    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
                    if (timeout > 0) {
                        rb.timeout(Duration.ofMillis((long) (timeout * 1000)));
                    }
                    HttpRequest req = rb.build();
                    sent.incrementAndGet();
                    long s = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                        outcome = Integer.toString(resp.statusCode());
                        if (resp.statusCode() == 202) {
                            accepted.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (HttpConnectTimeoutException e) {
                        outcome = "connect-timeout";
                        failures.incrementAndGet();
                    } catch (HttpTimeoutException e) {
                        outcome = "timeout";
                        failures.incrementAndGet();
                    } catch (ConnectException e) {
                        outcome = "connect";
                        failures.incrementAndGet();
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - s);
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    static void report(long start, List<Long> latencies, Map<String, Integer> outcomes, AtomicInteger sent, AtomicInteger accepted,
                       AtomicInteger failures, int requests, int batch, double limit) throws java.io.IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        StringBuilder breakdown = new StringBuilder();
        synchronized (outcomes) {
            outcomes.forEach((k, v) -> breakdown.append(breakdown.length() == 0 ? "" : " ").append(k).append(':').append(v));
        }
        String partial = sent.get() < requests ? String.format(" (time limit %.0f s: only %d sent)", limit, sent.get()) : "";
        double p50 = sorted.isEmpty() ? 0 : pct(sorted, 50);
        double p99 = sorted.isEmpty() ? 0 : pct(sorted, 99);
        double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
        double eps = accepted.get() * (double) batch / seconds;
        System.out.printf("%d requests x %d events in %.1f s%s: %.0f events/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d failures; outcomes %s%n",
                sent.get(), batch, seconds, partial, eps, p50, p99, max, failures.get(), breakdown.length() == 0 ? "none" : breakdown);
        String kv = System.getProperty("postevents.kv");
        if (kv != null) {
            Files.writeString(Path.of(kv), String.format("sent=%d%nrequested=%d%naccepted=%d%nfailures=%d%nseconds=%.1f%neps=%.0f%np50=%.1f%np99=%.1f%nmax=%.1f%noutcomes=%s%n",
                    sent.get(), requests, accepted.get(), failures.get(), seconds, eps, p50, p99, max, breakdown.length() == 0 ? "none" : breakdown));
        }
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
