package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The front-coded, paged names of an entry run. */
class RunNamesTest {
    /** Sorted distinct names with long shared prefixes, short ones, and page boundaries in between. */
    private static List<String> names(int count, long seed) {
        Random random = new Random(seed);
        TreeSet<String> set = new TreeSet<>();
        while (set.size() < count) {
            StringBuilder name = new StringBuilder();
            int labels = 1 + random.nextInt(3);
            for (int l = 0; l < labels; l++) {
                name.append((char) ('a' + random.nextInt(4))).append(random.nextInt(50)).append('.');
            }
            set.add(name.append(random.nextBoolean() ? "example.com" : "xn--bcher-kva.de").toString());
        }
        return new ArrayList<>(set);
    }

    @Test
    void everyNameIsFoundAtItsOrdinalAndTheGapsBetweenThemAreNot() {
        for (int count : new int[] {1, RunNames.PAGE - 1, RunNames.PAGE, RunNames.PAGE + 1, 5_000}) {
            List<String> sorted = names(count, count);
            RunNames run = RunNames.read(RunNames.encode(sorted));
            assertEquals(count, run.size());
            for (int i = 0; i < count; i++) {
                assertEquals(sorted.get(i), run.get(i));
                assertEquals(i, run.find(sorted.get(i)), sorted.get(i));
                // Just below a name: not there, and the ceiling is that name.
                String below = sorted.get(i).substring(0, sorted.get(i).length() - 1);
                int at = java.util.Collections.binarySearch(sorted, below);
                assertEquals(at >= 0 ? at : -1, run.find(below), below);
                assertEquals(at >= 0 ? at : -at - 1, run.ceiling(below), below);
            }
            assertEquals(0, run.ceiling(""));
            assertEquals(count, run.ceiling("zzz"));
            assertEquals(-1, run.find("zzz"));
        }
    }

    @Test
    void namesOutOfOrderOrTwiceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunNames.encode(List.of("b.com", "a.com")));
        assertThrows(IllegalArgumentException.class, () -> RunNames.encode(List.of("a.com", "a.com")));
    }

    @Test
    void aDamagedValueIsReportedNotMisread() {
        byte[] stored = RunNames.encode(names(300, 7));
        assertThrows(IllegalStateException.class, () -> RunNames.read(Arrays.copyOf(stored, 3)));
        byte[] wrongCount = stored.clone();
        wrongCount[0] = 5; // 5 names cannot fill the pages the directory lists
        assertThrows(IllegalStateException.class, () -> RunNames.read(wrongCount));
    }
}
