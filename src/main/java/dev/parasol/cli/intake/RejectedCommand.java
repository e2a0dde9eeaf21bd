package dev.parasol.cli.intake;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.LimitOptions;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.store.RejectionRepository.StoredRejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rejected", description = "Show the values imports refused for an integration, newest first, with reason, source and line.",
        footer = {"", "Examples:", "  parasol rejected threatq", "  parasol rejected threatq --reason \"popular-domain safeguard\" -o csv",
                "", "Reasons: IP address, reserved name, unknown TLD, public suffix, popular-domain safeguard, empty label,",
                "single label, wildcard, bad character, label longer than 63 characters, ... and format-specific ones."})
public final class RejectedCommand extends BaseCommand {
    @Parameters(paramLabel = "INTEGRATION")
    String integration;

    @Option(names = "--reason", paramLabel = "REASON", description = "Only rejections whose reason starts with REASON.")
    String reason;

    @Mixin
    LimitOptions page;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        List<StoredRejection> rows = ctx().rejections().search(integration, Optional.ofNullable(reason), page.limit(), page.offset());
        Printer.print(out(), err(), output.format(), rows, List.of(
                Printer.<StoredRejection>column("time", StoredRejection::at),
                Printer.<StoredRejection>column("source", StoredRejection::source),
                Printer.<StoredRejection>column("line", StoredRejection::line),
                Printer.<StoredRejection>column("value", StoredRejection::value),
                Printer.<StoredRejection>column("reason", StoredRejection::reason)), r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("time", Printer.iso(r.at()));
                    m.put("source", r.source());
                    m.put("line", r.line());
                    m.put("value", r.value());
                    m.put("reason", r.reason());
                    return m;
                });
        return ExitCode.OK;
    }
}
