package dev.parasol.service;

import dev.parasol.ParasolException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "No such X" errors that suggest the closest existing name. */
public final class Names {
    private Names() {
    }

    public static ParasolException notFound(String kind, String wanted, Collection<String> existing) {
        Optional<String> close = closest(wanted, existing);
        String message = "no " + kind + " '" + wanted + "'" + close.map(c -> "; did you mean '" + c + "'?").orElse("");
        return ParasolException.notFound(message);
    }

    /** The existing name within a small edit distance (or sharing a prefix), if there is one. */
    static Optional<String> closest(String wanted, Collection<String> existing) {
        String w = wanted.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : existing) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(w, c);
            if ((c.startsWith(w) || w.startsWith(c)) && Math.min(w.length(), c.length()) >= 3) {
                d = Math.min(d, 1);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, w.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
