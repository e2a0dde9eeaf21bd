package dev.parasol.report;

import dev.parasol.policy.Decision;
import dev.parasol.policy.Identity;
import dev.parasol.store.ActivityCounts;
import dev.parasol.store.ActivityRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The report as one HTML page that needs nothing else: CSS inline, charts as inline SVG drawn
 * here, no scripts, fonts or images to fetch, so it can be mailed, archived or opened offline.
 * Every value from the store is escaped (policy and identity names are free text).
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final int BAR_WIDTH = 240;
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2733;padding:0 1rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d5dde5;padding-bottom:.3rem}
            .range{color:#5b6b7b}.totals{display:flex;gap:1rem;margin:1rem 0}
            .tile{flex:1;border:1px solid #d5dde5;border-radius:6px;padding:.7rem 1rem}.tile b{display:block;font-size:1.6rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eef2f5;font-size:.9rem}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.none{color:#5b6b7b}
            rect.requests,rect.day-requests{fill:#8fb3d9}rect.blocked,rect.day-blocked,rect.would-block{fill:#c0392b}rect.hits{fill:#e08e0b}
            .legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
            .preview{border:2px solid #c0392b;border-radius:6px;padding:0 1rem 1rem}.preview table{margin-top:1rem}
            """;

    private HtmlReport() {
    }

    public static String render(ActivitySummary s, Optional<AuditPreview> preview) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Parasol activity report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        h.append("<h1>Parasol activity report</h1>\n<p class=\"range\">").append(esc(time(s.from()))).append(" to ")
                .append(esc(time(s.to()))).append(" (UTC)</p>\n");
        ActivityCounts.Totals t = s.totals();
        h.append("<div class=\"totals\">")
                .append(tile("total-requests", "requests", t.requests()))
                .append(tile("total-blocked", "blocked", t.blocked()))
                .append(tile("total-identities", "identities", t.identities()))
                .append("</div>\n");

        h.append("<h2>Requests per day</h2>\n");
        h.append("<p class=\"legend\"><span style=\"background:#8fb3d9\"></span>requests<span style=\"background:#c0392b\"></span>blocked</p>\n");
        h.append(dayChart(s));

        h.append("<h2>Top blocked domains</h2>\n");
        long maxBlocked = s.topBlockedDomains().stream().mapToLong(ActivityCounts.DomainCount::requests).max().orElse(0);
        if (s.topBlockedDomains().isEmpty()) {
            h.append("<p class=\"none\">No blocked requests.</p>\n");
        } else {
            h.append("<table id=\"top-blocked\"><tr><th>Domain</th><th>Blocked</th><th></th></tr>\n");
            for (ActivityCounts.DomainCount d : s.topBlockedDomains()) {
                h.append("<tr><td>").append(esc(d.domain())).append("</td><td class=\"n\">").append(d.requests()).append("</td><td>")
                        .append(bar("blocked", d.requests(), maxBlocked)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Top identities</h2>\n");
        long maxRequests = s.topIdentities().stream().mapToLong(ActivityCounts.IdentityCount::requests).max().orElse(0);
        if (s.topIdentities().isEmpty()) {
            h.append("<p class=\"none\">No requests.</p>\n");
        } else {
            h.append("<table id=\"top-identities\"><tr><th>Identity</th><th>Requests</th><th>Blocked</th><th></th></tr>\n");
            for (ActivityCounts.IdentityCount i : s.topIdentities()) {
                h.append("<tr><td>").append(esc(i.identity().isEmpty() ? "(unknown)" : i.identity())).append("</td><td class=\"n\">")
                        .append(i.requests()).append("</td><td class=\"n\">").append(i.blocked()).append("</td><td>")
                        .append(bar("requests", i.requests(), maxRequests)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Category hits per day</h2>\n");
        if (s.categoryHitsPerDay().isEmpty()) {
            h.append("<p class=\"none\">No request matched an enabled integration.</p>\n");
        } else {
            h.append("<table id=\"categories\"><tr><th>Category</th><th>Hits</th><th>Per day</th></tr>\n");
            for (String category : s.categoryHitsPerDay().keySet()) {
                h.append("<tr><td>").append(esc(category)).append("</td><td class=\"n\">").append(s.categoryTotal(category))
                        .append("</td><td>").append(sparkline(s.categoryPerDay(category))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        preview.ifPresent(p -> preview(h, p));
        h.append("<p class=\"range\">Generated by Parasol.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void preview(StringBuilder h, AuditPreview p) {
        h.append("<section class=\"preview\" id=\"preview\">\n<h2>Audit-mode preview: ").append(esc(p.category()))
                .append(" enforced by policy ").append(esc(p.policy())).append("</h2>\n");
        h.append("<p><b id=\"would-block\">").append(p.wouldBlock()).append("</b> of ").append(p.allowedRequests())
                .append(" allowed requests would have been blocked, from <b id=\"would-block-identities\">")
                .append(p.identities().size()).append("</b> identities.");
        if (p.alreadyEnforced()) {
            h.append(" (The policy enforces it already; this covers requests recorded before it did.)");
        }
        h.append("</p>\n");
        if (p.wouldBlock() == 0) {
            h.append("</section>\n");
            return;
        }
        long maxIdentity = p.identities().stream().mapToLong(ActivityCounts.IdentityCount::requests).max().orElse(0);
        h.append("<table id=\"preview-identities\"><tr><th>Identity</th><th>Would block</th><th></th></tr>\n");
        for (ActivityCounts.IdentityCount i : p.identities()) {
            h.append("<tr><td>").append(esc(i.identity().isEmpty() ? "(unknown)" : i.identity())).append("</td><td class=\"n\">")
                    .append(i.requests()).append("</td><td>").append(bar("would-block", i.requests(), maxIdentity)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        long maxDomain = p.domains().stream().mapToLong(ActivityCounts.DomainCount::requests).max().orElse(0);
        h.append("<table id=\"preview-domains\"><tr><th>Domain</th><th>Would block</th><th></th></tr>\n");
        for (ActivityCounts.DomainCount d : p.domains()) {
            h.append("<tr><td>").append(esc(d.domain())).append("</td><td class=\"n\">").append(d.requests()).append("</td><td>")
                    .append(bar("would-block", d.requests(), maxDomain)).append("</td></tr>\n");
        }
        h.append("</table>\n<table id=\"preview-examples\"><tr><th>Time</th><th>Identity</th><th>Domain</th><th>List</th><th>Entry</th></tr>\n");
        for (ActivityRecord r : p.examples()) {
            h.append("<tr><td>").append(esc(time(r.time()))).append("</td><td>").append(esc(r.identity().map(Identity::toString).orElse("")))
                    .append("</td><td>").append(esc(r.domain().value())).append("</td><td>")
                    .append(esc(r.matched().map(Decision.Match::list).orElse(""))).append("</td><td>")
                    .append(esc(r.matched().map(Decision.Match::entry).orElse(""))).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static String tile(String id, String label, long value) {
        return "<div class=\"tile\"><b id=\"" + id + "\">" + value + "</b>" + label + "</div>";
    }

    /** Requests and blocked per day as paired columns, with each day's numbers as a tooltip. */
    private static String dayChart(ActivitySummary s) {
        List<Long> requests = s.requestsPerDay();
        List<Long> blocked = s.blockedPerDay();
        int n = requests.size();
        if (n == 0) {
            return "<p class=\"none\">No days in range.</p>\n";
        }
        long max = Math.max(1, requests.stream().mapToLong(Long::longValue).max().orElse(0));
        int height = 140;
        int slot = Math.max(6, Math.min(40, 900 / n));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"per-day\" role=\"img\" aria-label=\"requests and blocked per day\" width=\"").append(slot * n)
                .append("\" height=\"").append(height + 18).append("\" viewBox=\"0 0 ").append(slot * n).append(' ').append(height + 18)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < n; i++) {
            int x = i * slot;
            long r = requests.get(i);
            long b = blocked.get(i);
            int rh = (int) Math.round((double) r * height / max);
            int bh = (int) Math.round((double) b * height / max);
            String tip = s.days().get(i) + ": " + r + " requests, " + b + " blocked";
            svg.append("<g><title>").append(esc(tip)).append("</title>")
                    .append("<rect class=\"day-requests\" x=\"").append(x + 1).append("\" y=\"").append(height - rh)
                    .append("\" width=\"").append(slot - 2).append("\" height=\"").append(rh).append("\"/>")
                    .append("<rect class=\"day-blocked\" x=\"").append(x + 1).append("\" y=\"").append(height - bh)
                    .append("\" width=\"").append(slot - 2).append("\" height=\"").append(bh).append("\"/></g>\n");
        }
        svg.append("<text x=\"0\" y=\"").append(height + 14).append("\" font-size=\"11\">").append(s.days().get(0)).append("</text>");
        if (n > 1) {
            svg.append("<text x=\"").append(slot * n).append("\" y=\"").append(height + 14).append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(s.days().get(n - 1)).append("</text>");
        }
        return svg.append("\n</svg>\n").toString();
    }

    private static String bar(String cssClass, long value, long max) {
        int width = max <= 0 ? 0 : (int) Math.max(value > 0 ? 1 : 0, Math.round((double) value * BAR_WIDTH / max));
        return "<svg class=\"bar\" width=\"" + BAR_WIDTH + "\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect class=\""
                + cssClass + "\" width=\"" + width + "\" height=\"12\"/></svg>";
    }

    private static String sparkline(List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(0));
        int slot = Math.max(3, Math.min(12, 360 / Math.max(1, values.size())));
        StringBuilder svg = new StringBuilder("<svg class=\"sparkline\" width=\"").append(slot * values.size())
                .append("\" height=\"20\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i < values.size(); i++) {
            int h = (int) Math.round((double) values.get(i) * 20 / max);
            if (values.get(i) > 0 && h == 0) {
                h = 1;
            }
            svg.append("<rect class=\"hits\" x=\"").append(i * slot).append("\" y=\"").append(20 - h).append("\" width=\"")
                    .append(slot - 1).append("\" height=\"").append(h).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
