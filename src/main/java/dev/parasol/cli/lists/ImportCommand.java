package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.Inputs;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.intake.ImportReport;
import dev.parasol.service.Actor;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {"Add indicators to an integration's destination list, recorded as its account",
                "(\"ThreatQ Account\"). Plain domains, one a line; '#' starts a comment. Each rejected",
                "line is reported as FILE:LINE: reason; the accepted ones are stored all together."},
        footer = {"", "Examples:", "  parasol import threatq domains.txt",
                "  curl -s https://feed.example/domains.txt | parasol import threatq -",
                "", "Exit codes: 0 all accepted, 4 some lines rejected (the rest stored), 5 integration disabled."})
public final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INTEGRATION")
    String integration;

    @Parameters(index = "1", paramLabel = "FILE", defaultValue = "-", description = "File to read, or '-' for standard input (default).")
    String source;

    @Option(names = "--max-rejections-shown", paramLabel = "N", defaultValue = "100",
            description = "Print at most N rejected lines (all are counted; default: ${DEFAULT-VALUE}).")
    long maxShown;

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() throws Exception {
        long[] shown = {0};
        ImportReport report;
        try (InputStream in = Inputs.open(ctx(), source)) {
            // Entries are the integration's ("ThreatQ Account"); the admin running the import is kept as runBy.
            Actor runBy = actor(actor);
            report = ctx().imports().importDomains(runBy, integration, Inputs.displayName(source), in, rejection -> {
                if (shown[0]++ < maxShown) {
                    err().println("parasol: " + rejection.describe());
                }
            });
        }
        if (shown[0] > maxShown) {
            err().println("parasol: ... " + (shown[0] - maxShown) + " more rejected line(s) not shown");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("integration", report.integration());
        summary.put("list", report.list());
        summary.put("source", report.source());
        summary.put("lines", report.linesRead());
        summary.put("added", report.added());
        summary.put("alreadyPresent", report.alreadyPresent());
        summary.put("duplicates", report.duplicates());
        summary.put("rejected", report.rejected());
        switch (output.format()) {
            case json -> Printer.printJson(out(), summary);
            case csv -> Printer.printCsv(out(), List.copyOf(summary.keySet()),
                    List.of(summary.values().stream().map(Printer::cell).toList()));
            case table -> err().println(report.source() + ": " + report.added() + " added, " + report.alreadyPresent()
                    + " already present, " + report.duplicates() + " duplicate(s), " + report.rejected()
                    + " rejected -> " + report.list());
        }
        return report.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }
}
