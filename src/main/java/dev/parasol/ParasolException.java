package dev.parasol;

/**
 * An error the user can act on: its message is printed as one line and its exit code
 * returned; no stack trace. Anything else that escapes a command is a bug.
 */
public class ParasolException extends RuntimeException {
    private final ExitCode exitCode;

    public ParasolException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ParasolException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** For exceptions raised per input line on hot paths: no stack trace to fill. */
    protected ParasolException(ExitCode exitCode, String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static ParasolException notFound(String message) {
        return new ParasolException(ExitCode.NOT_FOUND, message);
    }

    public static ParasolException conflict(String message) {
        return new ParasolException(ExitCode.CONFLICT, message);
    }

    public static ParasolException usage(String message) {
        return new ParasolException(ExitCode.USAGE, message);
    }

    public static ParasolException inputRejected(String message) {
        return new ParasolException(ExitCode.INPUT_REJECTED, message);
    }
}
