package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.service.PolicyChange;
import dev.parasol.service.PolicyView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set",
        description = {"Create or update a policy. Options add to (or, with --remove-..., take from) what it has;",
                "what is not mentioned stays. A new policy goes just above the Default Policy unless placed."},
        footer = {"", "Examples:",
                "  parasol policy set Roaming --identity roaming-computer:laptop-7 --security-setting Strict",
                "  parasol policy set \"HQ LAN\" --identity network:10.20.0.0/16 --list \"Partner Sites\" --position 1",
                "  parasol policy set \"Default Policy\" --security-setting Strict"})
public final class PolicySetCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--identity", paramLabel = "TYPE:VALUE", description = "Match requests from this identity (repeatable).")
    List<String> identities = new ArrayList<>();

    @Option(names = "--remove-identity", paramLabel = "TYPE:VALUE", description = "Stop matching this identity (repeatable).")
    List<String> removeIdentities = new ArrayList<>();

    @Option(names = "--security-setting", paramLabel = "NAME", description = "The security setting it applies.")
    String securitySetting;

    @Option(names = "--list", paramLabel = "LIST", description = "Attach a custom allow or block list (repeatable).")
    List<String> lists = new ArrayList<>();

    @Option(names = "--remove-list", paramLabel = "LIST", description = "Detach a list (repeatable).")
    List<String> removeLists = new ArrayList<>();

    @Mixin
    PlacementOptions placement;

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        PolicyChange change = new PolicyChange(identities, removeIdentities, Optional.ofNullable(securitySetting),
                lists, removeLists, placement.placement());
        PolicyView policy = ctx().policies().setPolicy(actor(actor), name, change);
        PolicyRows.print(out(), err(), output.format(), List.of(policy));
        if (policy.identities().isEmpty()) {
            err().println("Note: policy '" + policy.name() + "' names no identities, so no request matches it yet (add --identity TYPE:VALUE).");
        }
        return ExitCode.OK;
    }
}
