package dev.parasol.intake.format;

import dev.parasol.policy.DomainName;
import dev.parasol.policy.InvalidDomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of a vendor's CSV export hold the indicator value, its type and its status.
 * The value column is named (Value, Indicator, Domain, ...) or else found by content: the
 * column with the most distinct hosts of whole-cell domains and URLs in the first rows, other
 * indicators (IPs, hashes, e-mail addresses) counting half. Whole cells only, so a description
 * column that mentions a link loses to the column of bare values; distinct hosts, so a
 * reference column repeating one blog's address loses to a column of varied indicators. The
 * type column is named (Type, itype, Indicator Type, ...) or else is a column whose cells are
 * mostly indicator-type words ({@link IndicatorTypes}); a named one must hold at least one such
 * word, so a "Type" column of threat types (Phishing, C2) does not drop every row.
 *
 * @param header the column names; "1", "2", ... where the file has no header row
 * @param type   the type column, or -1
 * @param status the Status column (ThreatQ: Whitelisted and Expired rows are never imported), or -1
 */
record CsvColumns(List<String> header, int value, int type, int status) {
    /** In order of preference when several are present. */
    static final List<String> VALUE_NAMES = List.of("value", "indicator", "domain", "fqdn", "url", "hostname", "host",
            "summary", "dstdomain", "ioc", "domain name");
    /** Type-column names, compared after {@link IndicatorTypes#normalise} (so indicator_type is indicator type). */
    private static final Set<String> TYPE_NAMES = Set.of("type", "itype", "indicator type", "ioc type", "observable type",
            "attribute type", "entity type", "artifact type", "object type", "value type");
    /** Rows read before the columns are chosen. */
    static final int SAMPLE_ROWS = 200;
    /** The share of a column's sampled cells that must be type words to make it the type column by content alone. */
    private static final double TYPE_SHARE = 0.5;
    /** Column names listed in an error message at most. */
    private static final int SHOWN_NAMES = 12;
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}]?(/\\d{1,3})?");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LETTERS = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    /** The column name, as written in the header. */
    String name(int column) {
        return header.get(column);
    }

    /** "1", "2", ... for a file whose first row is already data ("no value in column 2"). */
    static List<String> numbered(int columns) {
        List<String> names = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    static OptionalInt valueColumnByName(List<String> header) {
        for (String wanted : VALUE_NAMES) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return OptionalInt.of(i);
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Chooses the columns from the header and the first data rows ({@code sample}, at most
     * {@link #SAMPLE_ROWS}); throws when no column is named as the value column and none holds
     * indicators.
     */
    static CsvColumns choose(List<String> header, List<List<String>> sample) {
        OptionalInt named = valueColumnByName(header);
        int value = named.isPresent() ? named.getAsInt() : valueColumnByContent(header.size(), sample).orElseThrow(() ->
                new InvalidFormatException("no column of the CSV holds domains or URLs in its first " + sample.size()
                        + " row(s), and none is named " + String.join(", ", VALUE_NAMES) + " (columns: " + shown(header) + ")"));
        int status = -1;
        for (int i = 0; i < header.size() && status < 0; i++) {
            if (i != value && header.get(i).strip().equalsIgnoreCase("status")) {
                status = i;
            }
        }
        return new CsvColumns(header, value, typeColumn(header, sample, value, status), status);
    }

    /** The first names of a header, for a one-line message. */
    private static String shown(List<String> header) {
        List<String> names = header.stream().limit(SHOWN_NAMES)
                .map(n -> n.length() > 40 ? n.substring(0, 40) + "..." : n).toList();
        return String.join(", ", names) + (header.size() > SHOWN_NAMES ? ", ... (" + header.size() + " in all)" : "");
    }

    /** The column with the best indicator score in the sample, if any column scores at all. */
    static OptionalInt valueColumnByContent(int columns, List<List<String>> sample) {
        int best = -1;
        long bestScore = 0;
        for (int c = 0; c < columns; c++) {
            long score = indicatorScore(sample, c);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Twice the distinct domain/URL hosts plus the distinct other indicators among the column's cells. */
    private static long indicatorScore(List<List<String>> sample, int column) {
        Set<String> hosts = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (List<String> row : sample) {
            if (column < row.size()) {
                String cell = row.get(column).strip();
                String host = hostOfName(cell);
                if (host != null) {
                    hosts.add(host);
                } else if (isOtherIndicator(cell)) {
                    others.add(cell.toLowerCase(Locale.ROOT));
                }
            }
        }
        return 2L * hosts.size() + others.size();
    }

    /** How many of the sample's rows hold an indicator (name, IP, hash, e-mail) in {@code column}. */
    static long rowsWithIndicators(List<List<String>> sample, int column) {
        return sample.stream().filter(row -> column < row.size() && looksLikeIndicator(row.get(column).strip())).count();
    }

    private static int typeColumn(List<String> header, List<List<String>> sample, int value, int status) {
        int bestNamed = -1;
        double bestNamedShare = 0;
        int bestByContent = -1;
        double bestShare = TYPE_SHARE - 1e-9;
        for (int c = 0; c < header.size(); c++) {
            if (c == value || c == status) {
                continue;
            }
            double share = typeWordShare(sample, c);
            if (TYPE_NAMES.contains(IndicatorTypes.normalise(header.get(c))) && share > bestNamedShare) {
                bestNamed = c;
                bestNamedShare = share;
            }
            if (share > bestShare) {
                bestByContent = c;
                bestShare = share;
            }
        }
        return bestNamed >= 0 ? bestNamed : bestByContent;
    }

    /** The share of the column's filled cells that are indicator-type words; 0 when none is filled. */
    private static double typeWordShare(List<List<String>> sample, int column) {
        long filled = 0;
        long words = 0;
        for (List<String> row : sample) {
            String cell = column < row.size() ? row.get(column).strip() : "";
            if (cell.isEmpty() || cell.equalsIgnoreCase("null")) {
                continue;
            }
            filled++;
            if (IndicatorTypes.isKnown(cell)) {
                words++;
            }
        }
        return filled == 0 ? 0 : (double) words / filled;
    }

    /** A row of values rather than names: one of its cells is an indicator. */
    static boolean looksLikeData(List<String> row) {
        return row.stream().anyMatch(cell -> looksLikeIndicator(cell.strip()));
    }

    /** The whole cell is one domain, URL, IP address, hash or e-mail address. */
    static boolean looksLikeIndicator(String cell) {
        return hostOfName(cell) != null || isOtherIndicator(cell);
    }

    /**
     * The host, lower-cased, when the whole cell (refanged) is one domain or URL: no spaces, an
     * alphabetic top-level label, not a file name like invoice.pdf; null otherwise.
     */
    static String hostOfName(String cell) {
        if (cell.isEmpty() || cell.length() > 2048) {
            return null;
        }
        String s = Refang.refang(cell);
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return null;
            }
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0 ? !SCHEME.matcher(s.substring(0, scheme)).matches() : s.indexOf('@') >= 0) {
            return null;
        }
        String host = DomainName.hostOf(s);
        if (scheme >= 0 && isIp(host)) {
            return host;
        }
        try {
            String name = DomainName.parse(host).value();
            String last = name.substring(name.lastIndexOf('.') + 1);
            boolean aFile = scheme < 0 && s.indexOf('/') < 0 && TextParser.FILE_EXTENSIONS.contains(last);
            return LETTERS.matcher(last).matches() && !aFile ? name : null;
        } catch (InvalidDomainException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isOtherIndicator(String cell) {
        return isIp(cell) || HASH.matcher(cell).matches() || EMAIL.matcher(cell).matches();
    }

    private static boolean isIp(String s) {
        // An IPv6 address has eight groups or a "::"; "10:00:00" is a time.
        return IPV4.matcher(s).matches()
                || (s.contains("::") || s.chars().filter(c -> c == ':').count() == 7) && IPV6.matcher(s).matches();
    }
}
