package dev.parasol.cli;

import dev.parasol.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "generate-completion",
        description = {"Print the bash completion script (the same as completions/parasol). It works in zsh too,",
                "after 'autoload -U +X bashcompinit && bashcompinit'."},
        footer = {"", "Example:", "  source <(parasol generate-completion)",
                "  parasol generate-completion > /etc/bash_completion.d/parasol"})
public final class GenerateCompletionCommand extends BaseCommand {
    @Override
    protected ExitCode run() {
        // the whole tree: this run's own command line holds only this command
        out().print(script(CommandLineFactory.create(ctx(), out(), err())));
        return ExitCode.OK;
    }

    /** The script for the whole command model, with \n line ends on every platform. */
    public static String script(picocli.CommandLine root) {
        return AutoComplete.bash("parasol", root).replace("\r\n", "\n");
    }
}
