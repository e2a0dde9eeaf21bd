package dev.parasol.intake.format;

/** One domain or URL a line; '#' and '!' start comments; defanged values are refanged. */
public final class PlainParser extends LineFormatParser {
    @Override
    void parseLine(String line, long number, IndicatorSink sink) {
        if (line.charAt(0) == '#' || line.charAt(0) == '!') {
            return;
        }
        String value = withoutComment(line);
        if (!value.isEmpty()) {
            sink.indicator(Refang.refang(value), number, false);
        }
    }
}
