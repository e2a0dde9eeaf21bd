package dev.parasol.cli.report;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.cli.TimeSpec;
import dev.parasol.report.ActivitySummary;
import dev.parasol.report.AuditPreview;
import dev.parasol.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report",
        description = {"Summarise activity over a time range: totals, top blocked domains, top identities, requests",
                "and category hits per day, with bar charts and sparklines.",
                "With --preview-integration I --policy P: the audit-mode preview, i.e. which requests and identities",
                "policy P would have blocked had its security setting enforced integration I.",
                "--html FILE writes the same as one self-contained page (inline CSS and SVG; no network needed)."},
        footer = {"", "Examples:", "  parasol report --from 7d",
                "  parasol report --from 30d --preview-integration threatq --policy \"Default Policy\"",
                "  parasol report --from 2026-11-01 --to 2026-12-01 --html november.html",
                "  parasol report --from 24h -o json | jq .totals"})
public final class ReportCommand extends BaseCommand {
    @Option(names = "--from", paramLabel = "TIME", defaultValue = "7d",
            description = "Start (2026-11-01, 2026-11-01T09:30:00Z, 24h, 7d, ...; default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
    String to;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows in each top list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--preview-integration", paramLabel = "INTEGRATION", description = "Preview enforcing this integration ...")
    String previewIntegration;

    @Option(names = "--policy", paramLabel = "POLICY", description = "... in this policy.")
    String policy;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "20",
            description = "Requests the preview lists (all are counted; default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one HTML page.")
    Path html;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() throws IOException {
        if ((previewIntegration == null) != (policy == null)) {
            throw ParasolException.usage("--preview-integration and --policy go together");
        }
        if (top < 1 || examples < 0) {
            throw ParasolException.usage("--top must be 1 or more and --examples 0 or more");
        }
        Instant start = TimeSpec.parse(from, ctx().clock());
        Instant end = to == null ? ctx().clock().instant() : TimeSpec.parse(to, ctx().clock());
        ActivitySummary summary = ctx().reports().summary(start, end, top);
        Optional<AuditPreview> preview = previewIntegration == null ? Optional.empty()
                : Optional.of(ctx().reports().preview(previewIntegration, policy, start, end, examples));
        if (html != null) {
            writeHtml(summary, preview);
        }
        switch (output.format()) {
            case json -> Printer.printJson(out(), ReportJson.json(summary, preview));
            case csv -> Printer.printCsv(out(), ReportJson.CSV_HEADERS, ReportJson.csvRows(summary, preview));
            case table -> new ReportText(out(), ansi()).print(summary, preview);
        }
        return ExitCode.OK;
    }

    /** picocli's markup, switched off when NO_COLOR is set (https://no-color.org) or output is not a terminal. */
    private Ansi ansi() {
        return ctx().env("NO_COLOR").isPresent() ? Ansi.OFF : Ansi.AUTO;
    }

    /** Written beside the target and moved over it, so a reader never sees half a page. */
    private void writeHtml(ActivitySummary summary, Optional<AuditPreview> preview) throws IOException {
        Path target = html.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), ".report-", ".html.tmp");
        try {
            Files.writeString(temp, HtmlReport.render(summary, preview), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        err().println("report written to " + html);
    }
}
