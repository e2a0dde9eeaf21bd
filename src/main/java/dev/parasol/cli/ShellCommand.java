package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.service.Actor;
import dev.parasol.shell.ParasolShell;
import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

@Command(name = "shell",
        description = {"An interactive shell: every command without 'parasol', with TAB completion of commands,",
                "options and the names in the store, and history in $PARASOL_HOME/history.",
                "The store stays open between commands; changes are audited with origin 'shell'.",
                "Ctrl-C drops the line being typed; typed while an import, activity import or check --file runs,",
                "it cancels it (an import is rolled back whole; an activity import keeps the batches it had",
                "already written). Ctrl-D or 'exit' leaves. Give --home/--db when starting it."},
        footer = {"", "Example:", "  parasol shell", "  parasol> see-domains threatq --search malware"})
public final class ShellCommand extends BaseCommand {
    @Override
    protected ExitCode run() throws IOException {
        try (Context shellContext = ctx().withOrigin(Actor.SHELL);
             Terminal terminal = TerminalBuilder.builder().name("parasol").system(true).dumb(true).build()) {
            return new ParasolShell(shellContext, terminal).run();
        }
    }
}
