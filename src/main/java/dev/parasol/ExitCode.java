package dev.parasol;

/**
 * Every exit status Parasol returns. Scripts and cron jobs rely on these numbers; they are
 * documented in docs/exit-codes.md and never renumbered.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "success"),
    /** An unexpected failure: a bug or an environment problem, printed with its cause. */
    FAILURE(1, "unexpected failure"),
    /** The command line was wrong: unknown option, missing argument, malformed value. */
    USAGE(2, "usage error"),
    /** A named object (integration, list, policy, domain, ...) does not exist. */
    NOT_FOUND(3, "not found"),
    /** Some input lines were rejected; the accepted ones were stored and each rejection reported. */
    INPUT_REJECTED(4, "input partly or wholly rejected"),
    /** The request conflicts with the current state: a name taken, an object in use, a disabled integration. */
    CONFLICT(5, "conflicts with the current state"),
    /** The store could not be opened or used: locked, unreachable, newer schema than this program. */
    STORE_UNAVAILABLE(6, "store unavailable"),
    /** Export files were written, but the --reload-command that should make a resolver load them failed. */
    RELOAD_FAILED(7, "reload command failed");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
