package dev.parasol.report;

import dev.parasol.ParasolException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long activity is kept: "30d", "12w", "48h". */
public final class RetentionPeriod {
    /** The config setting holding the default for `activity prune`. */
    public static final String SETTING = "activity-retention";
    public static final String DEFAULT = "90d";
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([hdw])");

    private RetentionPeriod() {
    }

    public static Duration parse(String text) {
        Matcher m = AGE.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw ParasolException.usage("'" + text + "' is not an age: use a number of hours, days or weeks, e.g. 48h, 30d, 12w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
