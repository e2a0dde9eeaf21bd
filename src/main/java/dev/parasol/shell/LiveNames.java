package dev.parasol.shell;

import dev.parasol.cli.Context;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Which arguments name something in the store, and the names there now. Asked at completion
 * time only, so generating the bash script or printing --help never opens the store.
 */
final class LiveNames {
    enum Kind { INTEGRATION, LIST, SECURITY_SETTING, POLICY, IDENTITY, SETTING }

    private final Context context;

    LiveNames(Context context) {
        this.context = context;
    }

    static Optional<Kind> kindOf(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return switch (option.longestName()) {
                case "--integration" -> Optional.of(Kind.INTEGRATION);
                case "--list" -> Optional.of(Kind.LIST);
                case "--security-setting" -> Optional.of(Kind.SECURITY_SETTING);
                case "--policy" -> Optional.of(Kind.POLICY);
                case "--identity" -> Optional.of(Kind.IDENTITY);
                default -> Optional.empty();
            };
        }
        PositionalParamSpec positional = (PositionalParamSpec) arg;
        CommandSpec command = positional.command();
        String verb = command.name();
        if ("INTEGRATION".equals(positional.paramLabel())) {
            return Optional.of(Kind.INTEGRATION);
        }
        if (verb.equals("create") || verb.equals("add") || command.parent() == null) {
            return Optional.empty(); // a new name: nothing in the store to offer
        }
        String group = command.parent().name();
        if ("TYPE:VALUE".equals(positional.paramLabel()) && group.equals("identity")) {
            return Optional.of(Kind.IDENTITY);
        }
        if (!"NAME".equals(positional.paramLabel()) || positional.index().min() != 0) {
            return Optional.empty();
        }
        return switch (group) {
            case "policy" -> Optional.of(Kind.POLICY);
            case "security-setting" -> Optional.of(Kind.SECURITY_SETTING);
            case "destination-list" -> Optional.of(Kind.LIST);
            case "config" -> Optional.of(Kind.SETTING);
            default -> Optional.empty();
        };
    }

    List<String> names(Kind kind) {
        return switch (kind) {
            case INTEGRATION -> context.integrations().list().stream().map(v -> v.integration().name()).toList();
            case LIST -> context.lists().list().stream().map(v -> v.list().name()).toList();
            case SECURITY_SETTING -> context.policies().securitySettings().stream().map(s -> s.name()).toList();
            case POLICY -> context.policies().policies().stream().map(p -> p.name()).toList();
            case IDENTITY -> context.policies().identities().stream().map(i -> i.identity().toString()).toList();
            case SETTING -> dev.parasol.service.ConfigService.SETTINGS.stream().map(s -> s.name()).toList();
        };
    }
}
