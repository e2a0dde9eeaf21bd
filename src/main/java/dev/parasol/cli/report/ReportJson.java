package dev.parasol.cli.report;

import dev.parasol.cli.Printer;
import dev.parasol.policy.Decision;
import dev.parasol.policy.Identity;
import dev.parasol.report.ActivitySummary;
import dev.parasol.report.AuditPreview;
import dev.parasol.store.ActivityCounts;
import dev.parasol.store.ActivityRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report as JSON (docs/json.md) and as long-format CSV rows. */
final class ReportJson {
    static final List<String> CSV_HEADERS = List.of("section", "name", "day", "requests", "blocked");

    private ReportJson() {
    }

    static Map<String, Object> json(ActivitySummary s, Optional<AuditPreview> preview) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", Printer.iso(s.from()));
        m.put("to", Printer.iso(s.to()));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("requests", s.totals().requests());
        totals.put("blocked", s.totals().blocked());
        totals.put("identities", s.totals().identities());
        m.put("totals", totals);
        m.put("topBlockedDomains", s.topBlockedDomains().stream().map(d -> Map.of("domain", d.domain(), "requests", d.requests())).toList());
        m.put("topIdentities", s.topIdentities().stream().map(ReportJson::identity).toList());
        List<Map<String, Object>> days = new ArrayList<>();
        List<Long> requests = s.requestsPerDay();
        List<Long> blocked = s.blockedPerDay();
        for (int i = 0; i < s.days().size(); i++) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", s.days().get(i).toString());
            day.put("requests", requests.get(i));
            day.put("blocked", blocked.get(i));
            days.add(day);
        }
        m.put("perDay", days);
        Map<String, Object> categories = new LinkedHashMap<>();
        for (String category : s.categoryHitsPerDay().keySet()) {
            Map<String, Long> perDay = new LinkedHashMap<>();
            List<Long> hits = s.categoryPerDay(category);
            for (int i = 0; i < s.days().size(); i++) {
                perDay.put(s.days().get(i).toString(), hits.get(i));
            }
            categories.put(category, perDay);
        }
        m.put("categoryHitsPerDay", categories);
        m.put("preview", preview.map(ReportJson::preview).orElse(null));
        return m;
    }

    private static Map<String, Object> identity(ActivityCounts.IdentityCount i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identity", i.identity().isEmpty() ? null : i.identity());
        m.put("requests", i.requests());
        m.put("blocked", i.blocked());
        return m;
    }

    private static Map<String, Object> preview(AuditPreview p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("integration", p.integration());
        m.put("category", p.category());
        m.put("policy", p.policy());
        m.put("alreadyEnforced", p.alreadyEnforced());
        m.put("allowedRequests", p.allowedRequests());
        m.put("wouldBlock", p.wouldBlock());
        m.put("identities", p.identities().stream().map(i -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("identity", i.identity().isEmpty() ? null : i.identity());
            x.put("requests", i.requests());
            return x;
        }).toList());
        m.put("domains", p.domains().stream().map(d -> Map.of("domain", d.domain(), "requests", d.requests())).toList());
        m.put("examples", p.examples().stream().map(ReportJson::example).toList());
        return m;
    }

    private static Map<String, Object> example(ActivityRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Printer.iso(r.time()));
        m.put("identity", r.identity().map(Identity::toString).orElse(null));
        m.put("client", r.client().orElse(null));
        m.put("domain", r.domain().value());
        m.put("list", r.matched().map(Decision.Match::list).orElse(null));
        m.put("entry", r.matched().map(Decision.Match::entry).orElse(null));
        return m;
    }

    /** One row per fact: section totals|blocked-domain|identity|day|category-day|preview|preview-identity|preview-domain. */
    static List<List<String>> csvRows(ActivitySummary s, Optional<AuditPreview> preview) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("totals", "", "", s.totals().requests(), s.totals().blocked()));
        s.topBlockedDomains().forEach(d -> rows.add(row("blocked-domain", d.domain(), "", d.requests(), d.requests())));
        s.topIdentities().forEach(i -> rows.add(row("identity", i.identity(), "", i.requests(), i.blocked())));
        List<Long> requests = s.requestsPerDay();
        List<Long> blocked = s.blockedPerDay();
        for (int i = 0; i < s.days().size(); i++) {
            rows.add(row("day", "", s.days().get(i).toString(), requests.get(i), blocked.get(i)));
        }
        for (String category : s.categoryHitsPerDay().keySet()) {
            List<Long> hits = s.categoryPerDay(category);
            for (int i = 0; i < s.days().size(); i++) {
                LocalDate day = s.days().get(i);
                rows.add(row("category-day", category, day.toString(), hits.get(i), 0));
            }
        }
        preview.ifPresent(p -> {
            rows.add(row("preview", p.category() + " in " + p.policy(), "", p.allowedRequests(), p.wouldBlock()));
            p.identities().forEach(i -> rows.add(row("preview-identity", i.identity(), "", i.requests(), i.requests())));
            p.domains().forEach(d -> rows.add(row("preview-domain", d.domain(), "", d.requests(), d.requests())));
        });
        return rows;
    }

    private static List<String> row(String section, String name, String day, long requests, long blocked) {
        return List.of(section, name, day, Long.toString(requests), Long.toString(blocked));
    }
}
