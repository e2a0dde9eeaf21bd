package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `parasol shell` as a process, its input piped from a script rather than typed. */
class ShellIT {
    @TempDir
    Path home;

    @Test
    void aScriptPipedIntoTheShellRunsEachLineAndLeavesAtTheEnd() throws Exception {
        CommandResult shell = new ParasolProcess(home).runWithInput(
                "enable-integration threatq\nsee-domains nosuch\nintegrations -o csv\n", "shell").ok();
        assertTrue(shell.out().contains("/1.0/events?customerKey="), shell.out());
        assertTrue(shell.out().contains("parasol: no integration 'nosuch'"), shell.out());
        assertTrue(shell.out().contains("threatq,ThreatQ,yes,audit"), shell.out());
        assertFalse(shell.err().contains("WARNING"), "no terminal warning when input is not a terminal:\n" + shell.err());
        CommandResult audit = new ParasolProcess(home).run("audit", "search", "-o", "csv").ok();
        assertTrue(audit.out().contains(",\"shell\","), audit.out());
    }
}
