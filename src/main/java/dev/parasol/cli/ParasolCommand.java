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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The top-level commands by name, in the order help lists them. Not in the annotation:
     * picocli would build the model of all of them (and of their subcommands) by reflection on
     * every start, which cost more than the JVM's own start-up; {@link CommandLineFactory} adds
     * only the one a command line names. The names are the classes' own @Command names
     * (CommandLineFactoryTest checks), kept here so finding one parses no annotation.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = ordered(List.of(
            Map.entry("enable-integration", EnableIntegrationCommand.class),
            Map.entry("disable-integration", DisableIntegrationCommand.class),
            Map.entry("integrations", IntegrationsCommand.class),
            Map.entry("import", ImportCommand.class),
            Map.entry("rejected", RejectedCommand.class),
            Map.entry("events", EventsCommand.class),
            Map.entry("send", SendCommand.class),
            Map.entry("safeguard", SafeguardCommand.class),
            Map.entry("see-domains", SeeDomainsCommand.class),
            Map.entry("delete-domain", DeleteDomainCommand.class),
            Map.entry("allow", AllowCommand.class),
            Map.entry("block", BlockCommand.class),
            Map.entry("destination-list", DestinationListCommand.class),
            Map.entry("security-setting", SecuritySettingCommand.class),
            Map.entry("identity", IdentityCommand.class),
            Map.entry("policy", PolicyCommand.class),
            Map.entry("check", CheckCommand.class),
            Map.entry("export", ExportCommand.class),
            Map.entry("audit", AuditCommand.class),
            Map.entry("activity", ActivityCommand.class),
            Map.entry("report", ReportCommand.class),
            Map.entry("config", ConfigCommand.class),
            Map.entry("serve", ServeCommand.class),
            Map.entry("backup", BackupCommand.class),
            Map.entry("restore", RestoreCommand.class),
            Map.entry("shell", ShellCommand.class),
            Map.entry("generate-completion", GenerateCompletionCommand.class)));

    private static Map<String, Class<?>> ordered(List<Map.Entry<String, Class<?>>> entries) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(map);
    }

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
            description = {"Use this store instead of the embedded one (default: $PARASOL_DB): a shared PostgreSQL store,",
                    "jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER (the password from ~/.pgpass or $PGPASSFILE),",
                    "or a jdbc:h2: URL."})
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
