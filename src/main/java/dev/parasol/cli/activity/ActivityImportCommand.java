package dev.parasol.cli.activity;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.ImportProgress;
import dev.parasol.cli.Inputs;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.report.ActivityImportReport;
import dev.parasol.report.IdentityMap;
import dev.parasol.report.log.LogFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {"Read a resolver query log and record every query as activity, decided with the current policies:",
                "BIND query and RPZ rewrite lines, Unbound log-queries/log-replies, dnsmasq log-queries, or CSV",
                "(time,client,domain[,qtype]). The format is detected unless --format is given; .gz is read transparently.",
                "Client addresses become network identities (the registered network holding them); --identities maps",
                "addresses or host names to roaming computers and AD users. Other resolver messages are skipped;",
                "unreadable query lines are reported as SOURCE:LINE: reason."},
        footer = {"", "Examples:", "  parasol activity import /var/log/named/queries.log",
                "  journalctl -u dnsmasq -o cat --since today | parasol activity import - --format dnsmasq",
                "  parasol activity import unbound.log.1.gz --identities clients.txt --time-zone Europe/Berlin",
                "", "Exit codes: 0 all lines read, 4 some lines rejected (the rest recorded)."})
public final class ActivityImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", defaultValue = "-", description = "The log, or '-' for standard input (default).")
    String source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "bind, unbound, dnsmasq or csv (default: detected).")
    LogFormat format;

    @Option(names = "--identities", paramLabel = "FILE", description = "Lines of 'ADDRESS-OR-HOST TYPE:VALUE' naming who is behind a client.")
    Path identities;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of log times written without an offset (default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Option(names = {"-q", "--quiet"}, description = "Nothing on stderr (no progress, rejections or summary).")
    boolean quiet;

    @Option(names = "--max-rejections-shown", paramLabel = "N", defaultValue = "100",
            description = "Print at most N rejected lines (all are counted; default: ${DEFAULT-VALUE}).")
    long maxShown;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() throws Exception {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw ParasolException.usage("--time-zone: unknown zone '" + timeZone + "' (e.g. UTC, Europe/Berlin)");
        }
        IdentityMap map = identities == null ? IdentityMap.EMPTY : IdentityMap.read(identities);
        long size = "-".equals(source) ? -1 : Files.size(Path.of(source));
        ActivityImportReport report;
        String name = Inputs.displayName(source);
        try (InputStream in = Inputs.open(ctx(), source);
             ImportProgress progress = new ImportProgress(ctx(), err(), "activity", name, size, quiet, maxShown, "line(s)", "")) {
            report = ctx().activity().importLog(name, in, Optional.ofNullable(format), zone, map, progress);
        }
        print(report);
        return report.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }

    private void print(ActivityImportReport r) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", r.source());
        summary.put("format", r.format());
        summary.put("lines", r.lines());
        summary.put("recorded", r.recorded());
        summary.put("blocked", r.blocked());
        summary.put("skipped", r.skipped());
        summary.put("rejected", r.rejected());
        summary.put("rejectedByReason", r.rejectedByReason());
        switch (output.format()) {
            case json -> Printer.printJson(out(), summary);
            case csv -> {
                summary.put("rejectedByReason", r.rejectedByReason().toString());
                Printer.printCsv(out(), List.copyOf(summary.keySet()), List.of(summary.values().stream().map(Printer::cell).toList()));
            }
            case table -> {
                if (!quiet) {
                    err().println(r.source() + " (" + r.format() + "): " + r.lines() + " lines, " + r.recorded() + " queries recorded ("
                            + r.blocked() + " blocked), " + r.skipped() + " other lines skipped, " + r.rejected() + " rejected"
                            + (r.rejectedByReason().isEmpty() ? "" : " " + r.rejectedByReason()));
                }
            }
        }
    }
}
