package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.service.EntryChange;
import java.io.PrintWriter;

/** The stderr summary of adding or removing entries, and the exit code it implies. */
final class ChangeReport {
    private ChangeReport() {
    }

    static ExitCode report(PrintWriter err, EntryChange change, String changedVerb, String unchangedText, ExitCode whenUnchanged) {
        for (EntryChange.Rejected r : change.rejected()) {
            err.println("parasol: '" + r.input() + "': " + r.reason());
        }
        for (String d : change.changed()) {
            err.println(changedVerb + " " + d + " (" + change.list() + ")");
        }
        for (String d : change.unchanged()) {
            err.println(d + ": " + unchangedText + " (" + change.list() + ")");
        }
        if (!change.rejected().isEmpty()) {
            return ExitCode.INPUT_REJECTED;
        }
        return change.unchanged().isEmpty() ? ExitCode.OK : whenUnchanged;
    }
}
