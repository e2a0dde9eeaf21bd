package dev.parasol.cli.activity;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.LimitOptions;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.cli.TimeRangeOptions;
import dev.parasol.policy.Decision;
import dev.parasol.policy.Identity;
import dev.parasol.report.ActivitySearch;
import dev.parasol.store.ActivityRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search",
        description = {"Search request activity, newest first. Categories are enabled integrations (ThreatQ, ...):",
                "a hit in audit mode is 'allowed' with its category; a disabled integration is no category."},
        footer = {"", "Examples:", "  parasol activity search --category ThreatQ --from 24h",
                "  parasol activity search --verdict blocked --identity roaming-computer:laptop-7 -o json",
                "  parasol activity search --domain example.com --from 2026-11-01 --to 2026-11-08 -o csv > example.csv",
                "", "JSON: [{\"time\",\"identity\",\"client\",\"domain\",\"queryType\",\"verdict\",\"policy\",\"categories\":[...],",
                "        \"matched\":{\"list\",\"entry\"}|null,\"source\"}]"})
public final class ActivitySearchCommand extends BaseCommand {
    @Option(names = "--category", paramLabel = "NAME", description = "Requests whose name an enabled integration lists (ThreatQ, ...).")
    String category;

    @Option(names = "--verdict", paramLabel = "VERDICT", description = "allowed or blocked.")
    String verdict;

    @Option(names = "--identity", paramLabel = "IDENTITY", description = "TYPE:VALUE, a network (10.0.0.0/8) or a bare value.")
    String identity;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "DOMAIN and its subdomains.")
    String domain;

    @Option(names = "--policy", paramLabel = "NAME", description = "Requests this policy decided.")
    String policy;

    @Mixin
    TimeRangeOptions time;

    @Mixin
    LimitOptions page;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        ActivitySearch search = new ActivitySearch(Optional.ofNullable(category), Optional.ofNullable(verdict), Optional.ofNullable(identity),
                Optional.ofNullable(domain), Optional.ofNullable(policy),
                time.from(ctx().clock()),
                time.to(ctx().clock()), page.limit(), page.offset());
        List<ActivityRecord> records = ctx().activity().search(search);
        Printer.print(out(), err(), output.format(), records, List.of(
                Printer.<ActivityRecord>column("time", ActivityRecord::time),
                Printer.<ActivityRecord>column("identity", r -> r.identity().map(Identity::toString)),
                Printer.<ActivityRecord>column("client", ActivityRecord::client),
                Printer.<ActivityRecord>column("domain", r -> r.domain().value()),
                Printer.<ActivityRecord>column("qtype", ActivityRecord::queryType),
                Printer.<ActivityRecord>column("verdict", r -> r.verdict().label()),
                Printer.<ActivityRecord>column("policy", ActivityRecord::policy),
                Printer.<ActivityRecord>column("categories", ActivityRecord::categories),
                Printer.<ActivityRecord>column("list", r -> r.matched().map(Decision.Match::list)),
                Printer.<ActivityRecord>column("entry", r -> r.matched().map(Decision.Match::entry))), ActivitySearchCommand::json);
        return ExitCode.OK;
    }

    static Map<String, Object> json(ActivityRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Printer.iso(r.time()));
        m.put("identity", r.identity().map(Identity::toString).orElse(null));
        m.put("client", r.client().orElse(null));
        m.put("domain", r.domain().value());
        m.put("queryType", r.queryType());
        m.put("verdict", r.verdict().label());
        m.put("policy", r.policy());
        m.put("categories", r.categories());
        m.put("matched", r.matched().map(x -> {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("list", x.list());
            match.put("entry", x.entry());
            return match;
        }).orElse(null));
        m.put("source", r.source());
        return m;
    }
}
