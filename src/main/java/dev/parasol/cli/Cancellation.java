package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;

/**
 * A request to stop the running command, made from another thread (the shell's Ctrl-C). Long
 * commands look at it between steps that can be abandoned; an import abandoned this way is
 * rolled back whole, as any failed import is. Cooperative, not Thread.interrupt: H2 closes
 * its files when a thread using them is interrupted.
 */
public final class Cancellation {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    /** Before each command: an earlier Ctrl-C does not cancel the next one. */
    public void clear() {
        requested = false;
    }

    public boolean requested() {
        return requested;
    }

    public void throwIfRequested() {
        if (requested) {
            throw new ParasolException(ExitCode.FAILURE, "cancelled (Ctrl-C)");
        }
    }
}
