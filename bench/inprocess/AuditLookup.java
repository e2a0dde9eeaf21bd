import dev.parasol.service.AuditService;
import dev.parasol.store.AuditQuery;
import dev.parasol.store.AuditRecord;
import dev.parasol.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * `audit search --object NAME` timed inside one JVM: the service call only, without JVM start,
 * store open or rendering. The first call (what a one-shot command pays) and the mean and min of
 * RUNS more. Prints the records found.
 *
 *   java -cp target/parasol.jar bench/inprocess/AuditLookup.java HOME RUNS NAME
 */
public class AuditLookup {
    public static void main(String[] a) throws Exception {
        Path home = Path.of(a[0]);
        int runs = Integer.parseInt(a[1]);
        AuditQuery q = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(a[2]),
                Optional.empty(), Optional.empty(), 50, 0);
        try (Store store = Store.openEmbedded(home)) {
            AuditService audit = new AuditService(store, Clock.systemUTC());
            long start = System.nanoTime();
            List<AuditRecord> found = audit.search(q);
            long first = System.nanoTime() - start;
            long total = 0;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                audit.search(q);
                long t = System.nanoTime() - s;
                total += t;
                min = Math.min(min, t);
            }
            System.out.printf("first %.1f ms, then mean %.1f min %.1f ms over %d runs: %d records for %s%n", first / 1e6,
                    total / 1e6 / runs, min / 1e6, runs, found.size(), a[2]);
            for (AuditRecord r : found) {
                System.out.println("  " + r.id() + " " + r.time() + " " + r.user() + " " + r.action() + " " + r.object());
            }
        }
    }
}
