package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.export.BlockAction;
import dev.parasol.export.ExportFormat;
import dev.parasol.export.ExportTarget;
import dev.parasol.service.ExportService;
import dev.parasol.service.ExportService.Delivery;
import dev.parasol.service.ExportService.FileReport;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export",
        description = {"Write what Parasol decides in a format resolvers load (docs/export.md).",
                "  rpz             response policy zones, one file per zone in --out DIR",
                "  bind-config     named.conf views that load the zones (--zone-dir DIR)",
                "  unbound-config  unbound.conf rpz clauses that load them (--zone-dir DIR)",
                "  hosts, dnsmasq, unbound, plain, adblock: a blocklist for one policy",
                "Zones cover every policy unless --policy names one; blocklists are for",
                "the Default Policy unless --policy names another. Files are replaced",
                "atomically."},
        footer = {"", "Examples:",
                "  parasol export rpz --out /var/lib/bind/parasol --if-changed \\",
                "      --reload-command 'rndc reload'",
                "  parasol export bind-config --zone-dir /var/lib/bind/parasol \\",
                "      --out /etc/bind/named.conf.parasol",
                "  parasol export unbound-config --zone-dir /var/lib/unbound/parasol",
                "  parasol export hosts --policy HQ > blocklist.hosts",
                "", "Exit codes: 0 ok (also when --if-changed found nothing to write),",
                "2 usage, 3 unknown policy, 7 files written but the reload command failed."})
public final class ExportCommand extends BaseCommand {
    @Parameters(paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "rpz, bind-config, unbound-config, hosts, dnsmasq, unbound, plain or adblock.")
    ExportFormat format;

    @Option(names = "--policy", paramLabel = "NAME", description = "Export this policy only.")
    String policy;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Write here instead of standard output: a file, or for rpz the directory of zone files.")
    Path out;

    @Option(names = "--per-list", description = "One zone per list, so a resolver's log names the list (rpz and configs).")
    boolean perList;

    @Option(names = "--action", paramLabel = "ACTION", converter = ActionConverter.class, defaultValue = "nxdomain",
            description = "What rpz block rules answer: nxdomain, nodata, drop or cname:TARGET (default: ${DEFAULT-VALUE}).")
    BlockAction action;

    @Option(names = "--zone-dir", paramLabel = "DIR", description = "Where the resolver finds the zone files (bind-config, unbound-config).")
    Path zoneDir;

    @Option(names = "--if-changed", description = "With --out: leave files whose content is the same alone, and reload only after a change.")
    boolean ifChanged;

    @Option(names = "--reload-command", paramLabel = "CMD",
            description = "With --out: run CMD through /bin/sh after writing (with --if-changed, only after a change).")
    String reloadCommand;

    @Override
    protected ExitCode run() {
        if (ifChanged && out == null) {
            throw ParasolException.usage("--if-changed needs --out");
        }
        ExportTarget target = out == null ? new ExportTarget.Stream(out())
                : format == ExportFormat.RPZ ? new ExportTarget.Directory(out, ifChanged)
                : new ExportTarget.File(out, ifChanged);
        ExportService.Request request = new ExportService.Request(format, Optional.ofNullable(policy), perList, action,
                Optional.ofNullable(zoneDir).map(Path::toAbsolutePath), Optional.ofNullable(reloadCommand));
        ExportService.Result result = ctx().exports().export(request, target, line -> err().println(line));
        for (FileReport f : result.files()) {
            if (f.tooLong() > 0) {
                err().println("warning: " + f.fileName() + ": " + f.tooLong()
                        + " names left out, too long for DNS under this zone's name");
            }
            if (f.delivery() != Delivery.PRINTED) {
                err().println(summary(f));
            }
        }
        if (ifChanged && !result.changed()) {
            err().println("nothing changed; no file written" + (reloadCommand != null ? ", no reload" : ""));
        } else if (result.reloaded()) {
            err().println("reloaded: " + reloadCommand);
        }
        return ExitCode.OK;
    }

    private static String summary(FileReport f) {
        String what = switch (f.delivery()) {
            case WRITTEN -> "wrote";
            case UNCHANGED_REWRITTEN -> "rewrote (same content)";
            default -> "unchanged";
        };
        StringBuilder sb = new StringBuilder(what).append(' ').append(f.fileName());
        if (f.blocked() > 0 || f.allowed() > 0) {
            sb.append(": ").append(f.blocked()).append(" blocked, ").append(f.allowed()).append(" allowed");
        }
        f.serial().ifPresent(s -> sb.append(", serial ").append(s));
        return sb.toString();
    }

    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            return ExportFormat.fromLabel(value);
        }
    }

    static final class ActionConverter implements ITypeConverter<BlockAction> {
        @Override
        public BlockAction convert(String value) {
            return BlockAction.parse(value);
        }
    }
}
