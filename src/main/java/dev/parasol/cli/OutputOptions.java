package dev.parasol.cli;

import dev.parasol.service.ConfigService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `-o table|json|csv` for every command that prints records; without it, the output setting. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: the output setting, table unless $PARASOL_OUTPUT or 'config set output' say otherwise).")
    OutputFormat format;

    public OutputFormat format() {
        if (format == null) {
            Context context = ((ParasolCommand) mixee.root().userObject()).context();
            format = OutputFormat.valueOf(context.config().get(ConfigService.OUTPUT).value());
        }
        return format;
    }
}
