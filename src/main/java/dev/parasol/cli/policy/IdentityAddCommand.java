package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Register an identity (policy set also registers the ones it names).",
        footer = {"", "Examples:", "  parasol identity add network:10.20.0.0/16 --label \"HQ LAN\"",
                "  parasol identity add ad-group:finance"})
public final class IdentityAddCommand extends BaseCommand {
    @Parameters(paramLabel = "TYPE:VALUE")
    String identity;

    @Option(names = "--label", paramLabel = "TEXT", description = "A human name for it.")
    String label;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        var view = ctx().policies().addIdentity(actor(actor), identity, Optional.ofNullable(label));
        err().println("Identity " + view.identity() + view.label().map(l -> " (" + l + ")").orElse("") + " registered.");
        return ExitCode.OK;
    }
}
