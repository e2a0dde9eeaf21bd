package dev.parasol.cli.audit;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.LimitOptions;
import dev.parasol.cli.OutputFormat;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.cli.TimeRangeOptions;
import dev.parasol.store.AuditQuery;
import dev.parasol.store.AuditRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search",
        description = {"Search the admin audit log, newest first. -o csv writes Umbrella's admin audit CSV columns:",
                "\"ID\",\"Time\",\"Email\",\"User\",\"Type\",\"Action\",\"Logged in from\",\"Before\",\"After\"."},
        footer = {"", "Examples:", "  parasol audit search --user \"ThreatQ Account\"",
                "  parasol audit search --type policy --from 7d -o json",
                "  parasol audit search --object malware-c2.xyz --action delete -o csv > audit.csv",
                "  parasol audit search --object www.malware-c2.xyz     # every import that sent exactly this name",
                "", "Types: integration, destination-list, destination-list-entry, security-setting, identity, policy, setting."})
public final class AuditSearchCommand extends BaseCommand {
    @Option(names = "--user", paramLabel = "NAME", description = "Changes made by NAME (an admin, or \"<Provider> Account\").")
    String user;

    @Option(names = "--action", paramLabel = "ACTION", description = "create, update or delete.")
    String action;

    @Option(names = "--type", paramLabel = "TYPE", description = "Object type (see below).")
    String type;

    @Option(names = "--object", paramLabel = "TEXT", description = {"Object name containing TEXT, and every import and receiver "
            + "request that added or refreshed exactly the name TEXT."})
    String object;

    @Mixin
    TimeRangeOptions time;

    @Mixin
    LimitOptions page;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        AuditQuery q = new AuditQuery(Optional.ofNullable(user), Optional.ofNullable(action), Optional.ofNullable(type),
                Optional.ofNullable(object), time.from(ctx().clock()),
                time.to(ctx().clock()), page.limit(), page.offset());
        List<AuditRecord> records = ctx().audit().search(q);
        if (output.format() == OutputFormat.csv) {
            Printer.printCsv(out(), List.of("ID", "Time", "Email", "User", "Type", "Action", "Logged in from", "Before", "After"),
                    records.stream().map(r -> List.of(String.valueOf(r.id()), Printer.iso(r.time()),
                            r.user().contains("@") ? r.user() : "", r.user(), r.type(), r.action(), r.origin(),
                            r.before().orElse(""), r.after().orElse(""))).toList(), true);
            return ExitCode.OK;
        }
        Printer.print(out(), err(), output.format(), records, List.of(
                Printer.<AuditRecord>column("id", AuditRecord::id),
                Printer.<AuditRecord>column("time", AuditRecord::time),
                Printer.<AuditRecord>column("user", AuditRecord::user),
                Printer.<AuditRecord>column("action", AuditRecord::action),
                Printer.<AuditRecord>column("type", AuditRecord::type),
                Printer.<AuditRecord>column("object", AuditRecord::object),
                Printer.<AuditRecord>column("from", AuditRecord::origin),
                Printer.<AuditRecord>column("source", r -> source(r).orElse(""))), AuditSearchCommand::json);
        return ExitCode.OK;
    }

    static Map<String, Object> json(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("time", Printer.iso(r.time()));
        m.put("user", r.user());
        m.put("action", r.action());
        m.put("type", r.type());
        m.put("object", r.object());
        m.put("before", r.before().map(AuditSearchCommand::parse).orElse(null));
        m.put("after", r.after().map(AuditSearchCommand::parse).orElse(null));
        m.put("origin", r.origin());
        m.put("source", source(r).orElse(null));
        return m;
    }

    /**
     * Where the change came from, when it came from a feed: the file, URL or "-" an import read, or
     * the receiver's request id (as `parasol events` lists it).
     */
    static Optional<String> source(AuditRecord r) {
        Optional<com.fasterxml.jackson.databind.JsonNode> doc = r.after().or(r::before).map(AuditSearchCommand::parse)
                .filter(com.fasterxml.jackson.databind.JsonNode.class::isInstance).map(com.fasterxml.jackson.databind.JsonNode.class::cast);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        if (doc.get().hasNonNull("request")) {
            return Optional.of("http request " + doc.get().get("request").asText());
        }
        return doc.get().hasNonNull("source") ? Optional.of(doc.get().get("source").asText()) : Optional.empty();
    }

    private static Object parse(String json) {
        try {
            return dev.parasol.Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }
}
