package dev.parasol.cli.lists;

import dev.parasol.cli.OutputFormat;
import dev.parasol.cli.Printer;
import dev.parasol.service.ListService;
import dev.parasol.store.ListEntry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How list entries print (see-domains, destination-list show, allow/block list). */
final class EntryRows {
    private EntryRows() {
    }

    static void print(PrintWriter out, PrintWriter err, OutputFormat format, ListService.Page page, PagingOptions paging) {
        Printer.print(out, err, format, page.entries(), List.of(
                Printer.<ListEntry>column("domain", ListEntry::domain),
                Printer.<ListEntry>column("addedAt", ListEntry::addedAt),
                Printer.<ListEntry>column("addedBy", ListEntry::addedBy),
                Printer.<ListEntry>column("lastSeenAt", ListEntry::lastSeenAt),
                Printer.<ListEntry>column("timesSeen", ListEntry::timesSeen),
                Printer.<ListEntry>column("overriddenBy", e -> page.overriddenBy().getOrDefault(e.domain(), "")),
                Printer.<ListEntry>column("comment", ListEntry::comment)), e -> json(e, page));
        if (format == OutputFormat.table) {
            long first = page.entries().isEmpty() ? 0 : paging.offset() + 1;
            long last = paging.offset() + page.entries().size();
            String more = last < page.total() ? " (next: --page " + (paging.page() + 1) + ")" : "";
            err.println(page.list().name() + ": " + first + "-" + last + " of " + page.total() + more);
        }
    }

    static Map<String, Object> json(ListEntry e, ListService.Page page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("domain", e.domain());
        m.put("addedAt", Printer.iso(e.addedAt()));
        m.put("addedBy", e.addedBy());
        m.put("origin", e.origin());
        m.put("firstSeenAt", Printer.iso(e.addedAt()));
        m.put("lastSeenAt", Printer.iso(e.lastSeenAt()));
        m.put("timesSeen", e.timesSeen());
        m.put("lastSource", e.lastSource().orElse(null));
        m.put("comment", e.comment().orElse(null));
        m.put("overriddenBy", page.overriddenBy().get(e.domain()));
        return m;
    }
}
