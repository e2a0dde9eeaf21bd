import dev.parasol.report.ActivitySearch;
import dev.parasol.report.ActivityService;
import dev.parasol.report.ReportService;
import dev.parasol.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Activity searches and reports timed inside one JVM: the service call only, without JVM
 * start, store open or rendering (mean and min of RUNS after one warm-up; reports use RUNS - 2,
 * at least 1). Each argument after RUNS is one search as typed after `parasol activity search`
 * ("--domain www.bwv9k.de --limit 20"), or "report FROM TO". Prints "mean min ms  what".
 *
 *   java -cp target/parasol.jar bench/inprocess/ActivityTimes.java HOME RUNS 'SEARCH'...
 */
public class ActivityTimes {
    public static void main(String[] a) throws Exception {
        Path home = Path.of(a[0]);
        int runs = Integer.parseInt(a[1]);
        try (Store store = Store.openEmbedded(home)) {
            ActivityService activity = new ActivityService(store, Clock.systemUTC());
            ReportService reports = new ReportService(store);
            for (int i = 2; i < a.length; i++) {
                String what = a[i];
                String[] w = what.isBlank() ? new String[0] : what.trim().split("\\s+");
                Runnable call;
                int n = runs;
                if (w.length == 3 && w[0].equals("report")) {
                    Instant from = instant(w[1]);
                    Instant to = instant(w[2]);
                    call = () -> reports.summary(from, to, 10);
                    n = Math.max(1, runs - 2);
                } else {
                    ActivitySearch s = search(w);
                    call = () -> activity.search(s);
                }
                call.run();
                long total = 0;
                long min = Long.MAX_VALUE;
                for (int r = 0; r < n; r++) {
                    long start = System.nanoTime();
                    call.run();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    total += ms;
                    min = Math.min(min, ms);
                }
                System.out.printf("%6d %6d ms  %s%n", total / n, min, what.isBlank() ? "(no filter)" : what);
            }
        }
    }

    private static ActivitySearch search(String[] w) {
        Optional<String> category = Optional.empty(), verdict = Optional.empty(), identity = Optional.empty(),
                domain = Optional.empty(), policy = Optional.empty();
        Optional<Instant> from = Optional.empty(), to = Optional.empty();
        int limit = 100;
        for (int i = 0; i + 1 < w.length; i += 2) {
            String v = w[i + 1];
            switch (w[i]) {
                case "--category" -> category = Optional.of(v);
                case "--verdict" -> verdict = Optional.of(v);
                case "--identity" -> identity = Optional.of(v);
                case "--domain" -> domain = Optional.of(v);
                case "--policy" -> policy = Optional.of(v);
                case "--from" -> from = Optional.of(instant(v));
                case "--to" -> to = Optional.of(instant(v));
                case "--limit" -> limit = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + w[i]);
            }
        }
        return new ActivitySearch(category, verdict, identity, domain, policy, from, to, limit, 0);
    }

    private static Instant instant(String s) {
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(s);
    }
}
