package dev.parasol.intake.format;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;

/** The input as a whole cannot be read as the chosen format (e.g. JSON that does not parse). */
public class InvalidFormatException extends ParasolException {
    public InvalidFormatException(String message) {
        super(ExitCode.INPUT_REJECTED, message);
    }
}
