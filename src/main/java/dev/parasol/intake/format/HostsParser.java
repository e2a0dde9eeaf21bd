package dev.parasol.intake.format;

import dev.parasol.policy.Cidr;
import java.util.Set;

/** hosts files: "0.0.0.0 a.com b.com", "127.0.0.1 d", "::1 d"; the usual loopback names are skipped. */
public final class HostsParser extends LineFormatParser {
    private static final Set<String> NOT_INDICATORS = Set.of("localhost", "localhost.localdomain", "local", "broadcasthost",
            "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters", "0.0.0.0");

    @Override
    void parseLine(String line, long number, IndicatorSink sink) {
        String content = withoutComment(line);
        if (content.isEmpty()) {
            return;
        }
        String[] tokens = content.split("\\s+");
        if (!isAddress(tokens[0])) {
            sink.rejected(number, line, "not a hosts line");
            return;
        }
        if (tokens.length == 1) {
            sink.rejected(number, line, "hosts line without a name");
        }
        for (int i = 1; i < tokens.length; i++) {
            if (!NOT_INDICATORS.contains(tokens[i].toLowerCase(java.util.Locale.ROOT))) {
                sink.indicator(Refang.refang(tokens[i]), number, false);
            }
        }
    }

    static boolean isAddress(String token) {
        try {
            Cidr.parse(token);
            return token.indexOf('/') < 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
