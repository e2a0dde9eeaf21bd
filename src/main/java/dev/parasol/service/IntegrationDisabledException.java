package dev.parasol.service;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;

/** The integration exists but is disabled (or was never enabled): its feed may not add to it. */
public final class IntegrationDisabledException extends ParasolException {
    public IntegrationDisabledException(String message) {
        super(ExitCode.CONFLICT, message);
    }
}
