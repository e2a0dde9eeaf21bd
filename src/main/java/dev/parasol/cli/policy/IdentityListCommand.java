package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.policy.IdentityType;
import dev.parasol.service.IdentityView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List identities and the policies that name them.",
        footer = {"", "Example:", "  parasol identity list --type network"})
public final class IdentityListCommand extends BaseCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "Only identities of this type.")
    String type;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        IdentityType only;
        try {
            only = type == null ? null : IdentityType.fromLabel(type);
        } catch (IllegalArgumentException e) {
            throw dev.parasol.ParasolException.usage(e.getMessage());
        }
        List<IdentityView> views = ctx().policies().identities().stream()
                .filter(v -> only == null || v.identity().type() == only).toList();
        Printer.print(out(), err(), output.format(), views, List.of(
                Printer.<IdentityView>column("identity", v -> v.identity().toString()),
                Printer.<IdentityView>column("label", IdentityView::label),
                Printer.<IdentityView>column("policies", IdentityView::policies)), v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", v.identity().type().label());
                    m.put("value", v.identity().value());
                    m.put("label", v.label().orElse(null));
                    m.put("policies", v.policies());
                    return m;
                });
        return ExitCode.OK;
    }
}
