package dev.parasol.intake;

/** One input line that was not taken, with where it was and why. */
public record Rejection(String source, long line, String input, String reason) {
    /** The one-line form printed to stderr: "domains.txt:12: 'foo..bar': empty label". */
    public String describe() {
        String shown = input.length() > 80 ? input.substring(0, 77) + "..." : input;
        return source + ":" + line + ": '" + shown + "': " + reason;
    }
}
