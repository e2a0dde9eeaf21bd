package dev.parasol.policy;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;

/** A value that is not a usable domain name; the message is the reason, e.g. "empty label". */
public class InvalidDomainException extends ParasolException {
    public InvalidDomainException(String reason) {
        super(ExitCode.INPUT_REJECTED, reason, false);
    }

    public String reason() {
        return getMessage();
    }
}
