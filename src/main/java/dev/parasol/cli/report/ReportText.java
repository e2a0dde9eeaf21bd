package dev.parasol.cli.report;

import dev.parasol.cli.Printer;
import dev.parasol.policy.Decision;
import dev.parasol.policy.Identity;
import dev.parasol.report.ActivitySummary;
import dev.parasol.report.AuditPreview;
import dev.parasol.report.Charts;
import dev.parasol.store.ActivityCounts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Help.Ansi;

/** The report for a terminal: aligned tables with bar charts, per-day sparklines. */
final class ReportText {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final Ansi ansi;

    ReportText(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    void print(ActivitySummary s, Optional<AuditPreview> preview) {
        title("Activity " + Printer.cell(s.from()) + " to " + Printer.cell(s.to()));
        ActivityCounts.Totals t = s.totals();
        out.printf(Locale.ROOT, "%,d requests, %,d blocked (%s), %,d identities%n", t.requests(), t.blocked(),
                percent(t.blocked(), t.requests()), t.identities());
        if (!s.days().isEmpty()) {
            out.println();
            out.println("Per day, " + s.days().get(0) + " .. " + s.days().get(s.days().size() - 1) + ":");
            out.printf(Locale.ROOT, "  requests  |%s|  max %d/day%n", Charts.sparkline(s.requestsPerDay()), max(s.requestsPerDay()));
            out.printf(Locale.ROOT, "  blocked   |%s|  max %d/day%n", Charts.sparkline(s.blockedPerDay()), max(s.blockedPerDay()));
        }

        section("Top blocked domains");
        long maxBlocked = s.topBlockedDomains().stream().mapToLong(ActivityCounts.DomainCount::requests).max().orElse(0);
        table(List.of("DOMAIN", "BLOCKED", ""), s.topBlockedDomains().stream()
                .map(d -> List.of(d.domain(), Long.toString(d.requests()), Charts.bar(d.requests(), maxBlocked, BAR_WIDTH))).toList());

        section("Top identities");
        long maxRequests = s.topIdentities().stream().mapToLong(ActivityCounts.IdentityCount::requests).max().orElse(0);
        table(List.of("IDENTITY", "REQUESTS", "BLOCKED", ""), s.topIdentities().stream()
                .map(i -> List.of(i.identity().isEmpty() ? "(unknown)" : i.identity(), Long.toString(i.requests()),
                        Long.toString(i.blocked()), Charts.bar(i.requests(), maxRequests, BAR_WIDTH))).toList());

        section("Category hits per day (audit mode and enforced)");
        table(List.of("CATEGORY", "HITS", "PER DAY"), s.categoryHitsPerDay().keySet().stream()
                .map(c -> List.of(c, Long.toString(s.categoryTotal(c)), "|" + Charts.sparkline(s.categoryPerDay(c)) + "|")).toList());

        preview.ifPresent(this::preview);
    }

    private void preview(AuditPreview p) {
        section("Audit-mode preview: " + p.category() + " enforced by policy '" + p.policy() + "'");
        if (p.alreadyEnforced()) {
            out.println("(" + p.policy() + " enforces " + p.category() + " already; this covers requests recorded before it did)");
        }
        out.printf(Locale.ROOT, "%,d of %,d allowed requests would have been blocked (%s), from %,d identities%n",
                p.wouldBlock(), p.allowedRequests(), percent(p.wouldBlock(), p.allowedRequests()), p.identities().size());
        if (p.wouldBlock() == 0) {
            return;
        }
        out.println();
        long maxIdentity = p.identities().stream().mapToLong(ActivityCounts.IdentityCount::requests).max().orElse(0);
        Printer.printTable(out, List.of("IDENTITY", "WOULD BLOCK", ""), p.identities().stream()
                .map(i -> List.of(i.identity().isEmpty() ? "(unknown)" : i.identity(), Long.toString(i.requests()),
                        Charts.bar(i.requests(), maxIdentity, BAR_WIDTH))).toList());
        out.println();
        long maxDomain = p.domains().stream().mapToLong(ActivityCounts.DomainCount::requests).max().orElse(0);
        Printer.printTable(out, List.of("DOMAIN", "WOULD BLOCK", ""), p.domains().stream()
                .map(d -> List.of(d.domain(), Long.toString(d.requests()), Charts.bar(d.requests(), maxDomain, BAR_WIDTH))).toList());
        if (!p.examples().isEmpty()) {
            out.println();
            Printer.printTable(out, List.of("TIME", "IDENTITY", "DOMAIN", "LIST", "ENTRY"), p.examples().stream()
                    .map(r -> List.of(Printer.cell(r.time()), r.identity().map(Identity::toString).orElse(""), r.domain().value(),
                            r.matched().map(Decision.Match::list).orElse(""), r.matched().map(Decision.Match::entry).orElse(""))).toList());
        }
    }

    private void title(String text) {
        out.println(ansi.string("@|bold " + text + "|@"));
    }

    private void section(String text) {
        out.println();
        title(text);
    }

    private void table(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        Printer.printTable(out, headers, rows);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
