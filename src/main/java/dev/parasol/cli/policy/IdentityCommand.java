package dev.parasol.cli.policy;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "identity",
        description = {"Identities policies match on, written TYPE:VALUE. Types: network (CIDR, v4 or v6),",
                "roaming-computer, mobile-device, ad-user, ad-group, site, network-device."},
        subcommands = {IdentityAddCommand.class, IdentityListCommand.class, IdentityDeleteCommand.class})
public final class IdentityCommand extends GroupCommand {
}
