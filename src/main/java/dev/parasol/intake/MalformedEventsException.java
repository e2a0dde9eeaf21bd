package dev.parasol.intake;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request of events that is refused whole: which fields are wrong, and how, in Umbrella's words. */
public final class MalformedEventsException extends ParasolException {
    private final Map<String, String> errors;

    public MalformedEventsException(Map<String, String> errors) {
        super(ExitCode.INPUT_REJECTED, "malformed events: " + errors);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Field name to problem ("is required", "is invalid"), in the order found. */
    public Map<String, String> errors() {
        return errors;
    }
}
