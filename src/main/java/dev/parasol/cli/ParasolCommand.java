package dev.parasol.cli;

import dev.parasol.cli.activity.ActivityCommand;
import dev.parasol.cli.audit.AuditCommand;
import dev.parasol.cli.backup.BackupCommand;
import dev.parasol.cli.backup.RestoreCommand;
import dev.parasol.cli.integration.DisableIntegrationCommand;
import dev.parasol.cli.integration.EnableIntegrationCommand;
import dev.parasol.cli.integration.IntegrationsCommand;
import dev.parasol.cli.intake.EventsCommand;
import dev.parasol.cli.intake.RejectedCommand;
import dev.parasol.cli.intake.SendCommand;
import dev.parasol.cli.intake.SafeguardCommand;
import dev.parasol.cli.lists.AllowCommand;
import dev.parasol.cli.lists.BlockCommand;
import dev.parasol.cli.lists.DeleteDomainCommand;
import dev.parasol.cli.lists.DestinationListCommand;
import dev.parasol.cli.lists.ImportCommand;
import dev.parasol.cli.lists.SeeDomainsCommand;
import dev.parasol.cli.policy.IdentityCommand;
import dev.parasol.cli.policy.PolicyCommand;
import dev.parasol.cli.policy.SecuritySettingCommand;
import dev.parasol.cli.report.ReportCommand;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "parasol",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Threat-intelligence feeds into DNS-layer enforcement, self-hosted.",
                "",
                "Integrations (ThreatQ, ThreatConnect, any named provider) feed destination lists;",
                "ordered policies decide per identity; allow lists beat every block."},
        footer = {"", "Example:",
                "  parasol enable-integration threatq && parasol import threatq domains.txt",
                "", "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 input rejected, 5 conflict, 6 store unavailable,",
                "7 reload command failed (export)."})
public final class ParasolCommand extends GroupCommand {
    /**
     * The top-level commands, in the order help lists them. Not in the annotation: picocli
     * would build the model of all of them (and of their subcommands) by reflection on every
     * start, which cost more than the JVM's own start-up; {@link CommandLineFactory} adds
     * only the one a command line names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            EnableIntegrationCommand.class,
            DisableIntegrationCommand.class,
            IntegrationsCommand.class,
            ImportCommand.class,
            RejectedCommand.class,
            EventsCommand.class,
            SendCommand.class,
            SafeguardCommand.class,
            SeeDomainsCommand.class,
            DeleteDomainCommand.class,
            AllowCommand.class,
            BlockCommand.class,
            DestinationListCommand.class,
            SecuritySettingCommand.class,
            IdentityCommand.class,
            PolicyCommand.class,
            CheckCommand.class,
            ExportCommand.class,
            AuditCommand.class,
            ActivityCommand.class,
            ReportCommand.class,
            ConfigCommand.class,
            ServeCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ShellCommand.class,
            GenerateCompletionCommand.class);

    private final Context context;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of unexpected failures.")
    boolean verbose;

    public ParasolCommand(Context context) {
        this.context = context;
    }

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Parasol home holding the embedded store (default: $PARASOL_HOME, else ~/.parasol).")
    void setHome(Path home) {
        context.setHome(home);
    }

    @Option(names = "--db", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "Use this store instead of the embedded one (default: $PARASOL_DB). Only jdbc:h2: URLs for now.")
    void setDb(String url) {
        context.setDb(url);
    }

    public Context context() {
        return context;
    }

    public boolean verbose() {
        return verbose;
    }
}
