package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/**
 * dnsmasq configuration: "address=/name/" answers NXDOMAIN for the name and its subdomains;
 * "server=/name/#" sends an allowed name to the normal upstream servers, and dnsmasq lets the
 * longest matching domain win, so an allowed child of a blocked parent still resolves.
 */
public final class DnsmasqWriter implements DomainListWriter {
    @Override
    public String header(String policyName) {
        return "# Parasol blocklist for policy " + RpzZoneWriter.oneLine(policyName) + " (dnsmasq conf-file)\n";
    }

    @Override
    public void allow(Writer out, String name) throws IOException {
        out.write("server=/");
        out.write(name);
        out.write("/#\n");
    }

    @Override
    public void block(Writer out, String name) throws IOException {
        out.write("address=/");
        out.write(name);
        out.write("/\n");
    }
}
