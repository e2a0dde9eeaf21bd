package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/**
 * A flat blocklist format: a header, the allow entries the format can express as exceptions,
 * then the blocked names (already without the ones an allow entry covers).
 */
public interface DomainListWriter {
    /** Text before the entries; comments only, never a timestamp, so unchanged content stays byte-identical. */
    String header(String policyName);

    /** Writes an exception for an allowed name (and its subdomains), where the format has one. */
    void allow(Writer out, String name) throws IOException;

    void block(Writer out, String name) throws IOException;

    static DomainListWriter of(ExportFormat format) {
        return switch (format) {
            case HOSTS -> new HostsWriter();
            case DNSMASQ -> new DnsmasqWriter();
            case UNBOUND -> new UnboundLocalZoneWriter();
            case PLAIN -> new PlainWriter();
            case ADBLOCK -> new AdblockWriter();
            default -> throw new IllegalArgumentException(format + " is not a domain list format");
        };
    }
}
