package dev.parasol.cli.intake;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.Inputs;
import dev.parasol.intake.EventSender;
import dev.parasol.intake.FeedFetcher;
import dev.parasol.intake.ImportListener;
import dev.parasol.intake.Rejection;
import dev.parasol.intake.format.Format;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send",
        description = {"Post indicators as Enforcement-API events to URL (an integration URL of this Parasol, another",
                "Parasol, or an Umbrella org), in batches. Reads every format 'import' reads and validates the same",
                "way; waits out 429 Retry-After (up to --max-wait) and retries server errors with backoff."},
        footer = {"", "Examples:", "  parasol send \"http://127.0.0.1:8614/1.0/events?customerKey=$KEY\" domains.txt",
                "  parasol send \"$UMBRELLA_URL\" misp-event.json --provider-name \"MISP\""})
public final class SendCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "URL", description = "The events URL, with its customerKey.")
    String url;

    @Parameters(index = "1", paramLabel = "FILE", defaultValue = "-", description = "A file, or '-' for standard input (default).")
    String source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format (default: detected).")
    Format format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Events a request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--provider-name", paramLabel = "NAME", defaultValue = "Parasol", description = "providerName of the events (default: ${DEFAULT-VALUE}).")
    String providerName;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "Longest Retry-After to wait out (default: ${DEFAULT-VALUE}).")
    long maxWait;

    @Option(names = "--disable-safeguards", description = "Send popular domains too.")
    boolean disableSafeguards;

    @Override
    protected ExitCode run() throws Exception {
        if (!FeedFetcher.isUrl(url)) {
            throw ParasolException.usage("URL must start with http:// or https://");
        }
        if (batch < 1 || batch > 1000) {
            throw ParasolException.usage("--batch must be 1 to 1000");
        }
        EventSender sender = new EventSender(FeedFetcher.defaultClient(), ctx().clock(), Thread::sleep);
        EventSender.Report report;
        try (InputStream in = Inputs.open(ctx(), source)) {
            report = sender.send(url, Inputs.displayName(source),
                    "-".equals(source) ? Optional.empty() : Optional.of(Path.of(source).getFileName().toString()), in,
                    new EventSender.Options(Optional.ofNullable(format), batch, providerName, maxWait, disableSafeguards),
                    new ImportListener() {
                        @Override
                        public void rejected(Rejection r) {
                            err().println("parasol: " + r.describe());
                        }

                        @Override
                        public void warning(String message) {
                            err().println("parasol: warning: " + message);
                        }
                    });
        }
        err().println(Inputs.displayName(source) + ": " + report.read() + " read, " + report.sent() + " sent in " + report.batches()
                + " request(s)" + (report.retries() > 0 ? " (" + report.retries() + " retried)" : "") + ", " + report.rejected()
                + " rejected" + (report.rejectedByReason().isEmpty() ? "" : " " + report.rejectedByReason()) + " -> " + FeedFetcher.displayName(url));
        return report.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }
}
