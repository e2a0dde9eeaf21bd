package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.ImportProgress;
import dev.parasol.cli.Inputs;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.intake.FeedFetcher;
import dev.parasol.intake.ImportOptions;
import dev.parasol.intake.ImportReport;
import dev.parasol.intake.format.Format;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {"Add indicators to an integration's destination list, recorded as its account (\"ThreatQ Account\").",
                "Reads plain domains, hosts files, Adblock and dnsmasq rules, CSV exports (ThreatConnect, ThreatQ,",
                "URLhaus), Enforcement-API events (JSON, NDJSON), STIX 2.x, MISP events and free or defanged text;",
                "the format is detected unless --format is given; .gz is read transparently; http(s) sources are",
                "fetched, and an unchanged feed (ETag / Last-Modified) is not processed again.",
                "Every value is validated (syntax, IP addresses, reserved names, the Public Suffix List, the",
                "popular-domain safeguard); each rejection is reported as SOURCE:LINE: reason and kept",
                "(see 'parasol rejected'). The accepted names are stored all together or not at all."},
        footer = {"", "Examples:", "  parasol import threatq domains.txt",
                "  parasol import threatconnect export.csv.gz -o json",
                "  parasol import threatq https://feeds.example.net/c2.txt",
                "  pbpaste | parasol import threatq - --format text --dry-run",
                "", "Exit codes: 0 all accepted, 4 some values rejected (the rest stored), 5 integration disabled."})
public final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INTEGRATION")
    String integration;

    @Parameters(index = "1", paramLabel = "SOURCE", defaultValue = "-",
            description = "A file, an http(s) URL, or '-' for standard input (default).")
    String source;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "plain, hosts, adblock, dnsmasq, csv, events, stix, misp or text (default: detected).")
    Format format;

    @Option(names = "--dry-run", description = "Validate and count, change nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Nothing on stderr (no progress, rejections or summary).")
    boolean quiet;

    @Option(names = "--disable-safeguards", description = "Accept popular domains (google.com, ...) too.")
    boolean disableSafeguards;

    @Option(names = "--ignore-to-ids", description = "MISP: take attributes even where to_ids is false.")
    boolean ignoreToIds;

    @Option(names = "--force", description = "URLs: fetch and import even if the feed has not changed.")
    boolean force;

    @Option(names = "--max-rejections-shown", paramLabel = "N", defaultValue = "100",
            description = "Print at most N rejected values (all are counted and kept; default: ${DEFAULT-VALUE}).")
    long maxShown;

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() throws Exception {
        ImportOptions options = new ImportOptions(Optional.ofNullable(format), disableSafeguards, ignoreToIds, dryRun);
        ImportReport report;
        if (FeedFetcher.isUrl(source)) {
            FeedFetcher fetcher = new FeedFetcher(ctx().store(), ctx().clock(), FeedFetcher.defaultClient());
            try (FeedFetcher.Fetched fetched = fetcher.fetch(source, force || dryRun)) {
                if (fetched.body().isEmpty()) {
                    if (!quiet) {
                        err().println(FeedFetcher.displayName(source) + ": not changed since the last import; nothing to do (--force imports anyway)");
                    }
                    return ExitCode.OK;
                }
                long size = fetched.response().body().contentLength();
                report = run(options, FeedFetcher.displayName(source), FeedFetcher.fileName(source), fetched.body().get(), size);
                if (!dryRun) {
                    fetcher.remember(source, fetched.response());
                }
            }
        } else {
            try (InputStream in = Inputs.open(ctx(), source)) {
                long size = "-".equals(source) ? -1 : Files.size(Path.of(source));
                report = run(options, Inputs.displayName(source),
                        "-".equals(source) ? Optional.empty() : Optional.of(Path.of(source).getFileName().toString()), in, size);
            }
        }
        print(report);
        return report.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }

    private ImportReport run(ImportOptions options, String name, Optional<String> fileName, InputStream in, long size) {
        try (ImportProgress progress = new ImportProgress(ctx(), err(), "import", name, size, quiet, maxShown, "value(s)",
                "; see 'parasol rejected " + integration + "'")) {
            return ctx().imports().importIndicators(actor(actor), integration, name, fileName, in, options, progress);
        }
    }

    private void print(ImportReport r) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("integration", r.integration());
        summary.put("list", r.list());
        summary.put("source", r.source());
        summary.put("format", r.format());
        summary.put("dryRun", r.dryRun());
        summary.put("read", r.valuesRead());
        summary.put("added", r.added());
        summary.put("reAdded", r.reAdded());
        summary.put("refreshed", r.refreshed());
        summary.put("duplicates", r.duplicates());
        summary.put("rejected", r.rejected());
        summary.put("rejectedByReason", r.rejectedByReason());
        switch (output.format()) {
            case json -> Printer.printJson(out(), summary);
            case csv -> {
                Map<String, Object> flat = new LinkedHashMap<>(summary);
                flat.put("rejectedByReason", r.rejectedByReason().toString());
                Printer.printCsv(out(), List.copyOf(flat.keySet()), List.of(flat.values().stream().map(Printer::cell).toList()));
            }
            case table -> {
                if (quiet) {
                    return;
                }
                StringBuilder line = new StringBuilder(r.source()).append(" (").append(r.format()).append("): ")
                        .append(r.valuesRead()).append(" read, ").append(r.added()).append(" new");
                if (r.reAdded() > 0) {
                    line.append(" (").append(r.reAdded()).append(" re-added)");
                }
                line.append(", ").append(r.refreshed()).append(" refreshed, ").append(r.duplicates()).append(" duplicate(s), ")
                        .append(r.rejected()).append(" rejected");
                if (!r.rejectedByReason().isEmpty()) {
                    line.append(' ').append(r.rejectedByReason());
                }
                line.append(r.dryRun() ? " (dry run: nothing stored)" : " -> " + r.list());
                err().println(line);
            }
        }
    }
}
