package dev.parasol.policy;

import java.util.List;

/**
 * The lookup both hash tables share: a name's hash is computed from its last character
 * backwards (FNV-1a), so the hash of every parent ("example.com" inside "www.example.com")
 * falls out on the way and each costs one probe of the table, with no substring created.
 */
abstract class SuffixHashMembership implements Membership {
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    /** FNV-1a over the characters from the last to the first. */
    static long hash(String s) {
        long h = FNV_OFFSET;
        for (int i = s.length() - 1; i >= 0; i--) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    static long spread(long h) {
        return h ^ (h >>> 29) ^ (h >>> 43);
    }

    /** Adds to {@code hits} (null until the first) the lists holding name[from..], whose hash is {@code h}. */
    abstract List<ListHit> probe(long h, String name, int from, List<ListHit> hits);

    @Override
    public final List<ListHit> lookup(DomainName domain) {
        String name = domain.value();
        List<ListHit> hits = null;
        long h = FNV_OFFSET;
        boolean pastTopLevel = false;
        for (int i = name.length() - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (c == '.') {
                // h now covers name[i+1..]; the top-level label alone is never an entry.
                if (pastTopLevel) {
                    hits = probe(h, name, i + 1, hits);
                }
                pastTopLevel = true;
            }
            h = (h ^ c) * FNV_PRIME;
        }
        hits = probe(h, name, 0, hits);
        return hits == null ? List.of() : hits;
    }
}
