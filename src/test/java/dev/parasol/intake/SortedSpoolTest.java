package dev.parasol.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedSpoolTest {
    @TempDir
    Path dir;

    @Test
    void mergesManyRunsIntoOneSortedDuplicateFreeSequence() throws Exception {
        Random random = new Random(42);
        TreeSet<String> expected = new TreeSet<>();
        long added = 0;
        try (SortedSpool spool = new SortedSpool(dir, 1_000)) {
            for (int i = 0; i < 10_000; i++) {
                String name = "n" + random.nextInt(6_000) + ".example.com";
                spool.add(name);
                expected.add(name);
                added++;
            }
            spool.finish();
            for (int pass = 0; pass < 2; pass++) {
                List<String> merged = new ArrayList<>();
                try (SortedSpool.Merged m = spool.merge()) {
                    m.forEachRemaining(merged::add);
                    assertEquals(added - expected.size(), m.duplicates());
                }
                assertEquals(new ArrayList<>(expected), merged, "pass " + pass + " (a retried transaction merges again)");
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "run files are deleted");
        }
    }
}
