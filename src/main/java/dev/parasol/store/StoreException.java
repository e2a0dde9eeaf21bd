package dev.parasol.store;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;

/** The store could not be opened or used; the message says why in the user's terms. */
public class StoreException extends ParasolException {
    public StoreException(String message, Throwable cause) {
        super(ExitCode.STORE_UNAVAILABLE, message, cause);
    }
}
