package dev.parasol.intake.format;

import java.util.regex.Pattern;

/**
 * Undoes the usual ways analysts defang indicators so they cannot be clicked:
 * evil[.]com, evil(.)com, evil{.}com, evil[dot]com, hxxp://, hxxps://, fxp://, [://], http[:]//.
 */
public final class Refang {
    private static final Pattern DOT = Pattern.compile("\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)|\\{dot\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("\\b(hxxp|hXXp|h\\*\\*p)(s?)(?=(\\[?:\\]?//|\\[://\\]))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FXP = Pattern.compile("\\bfxp(?=(\\[?:\\]?//|\\[://\\]))", Pattern.CASE_INSENSITIVE);
    private static final Pattern COLON_SLASHES = Pattern.compile("\\[://\\]|\\[:\\]//");

    private Refang() {
    }

    public static String refang(String text) {
        if (text.indexOf('[') < 0 && text.indexOf('(') < 0 && text.indexOf('{') < 0
                && text.indexOf('x') < 0 && text.indexOf('X') < 0) {
            return text;
        }
        String s = DOT.matcher(text).replaceAll(".");
        s = SCHEME.matcher(s).replaceAll("http$2");
        s = FXP.matcher(s).replaceAll("ftp");
        return COLON_SLASHES.matcher(s).replaceAll("://");
    }
}
