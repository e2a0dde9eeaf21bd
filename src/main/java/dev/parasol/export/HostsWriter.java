package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/**
 * "0.0.0.0 name" lines. A hosts file matches exact names only: subdomains of an entry are not
 * blocked, and so an allowed child of a blocked parent needs no exception.
 */
public final class HostsWriter implements DomainListWriter {
    @Override
    public String header(String policyName) {
        return "# Parasol blocklist for policy " + RpzZoneWriter.oneLine(policyName) + " (hosts format; exact names only)\n";
    }

    @Override
    public void allow(Writer out, String name) {
        // Nothing to write: a hosts file only lists what it blocks.
    }

    @Override
    public void block(Writer out, String name) throws IOException {
        out.write("0.0.0.0 ");
        out.write(name);
        out.write('\n');
    }
}
