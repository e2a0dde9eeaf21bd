package dev.parasol.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a Parasol run produced, in-process or as a process; assertions print both streams. */
public record CommandResult(int exitCode, String out, String err) {
    public CommandResult expect(int code) {
        assertEquals(code, exitCode, () -> "exit code\n--- stdout\n" + out + "\n--- stderr\n" + err);
        return this;
    }

    public CommandResult ok() {
        return expect(0);
    }
}
