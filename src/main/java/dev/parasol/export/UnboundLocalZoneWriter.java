package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/**
 * Unbound local zones, for Unbound without RPZ: "always_nxdomain" for a blocked name and its
 * subdomains; "always_transparent" for an allowed name, which, as the closer local zone,
 * resolves normally below a blocked parent. Starts with "server:" so it can be included anywhere.
 */
public final class UnboundLocalZoneWriter implements DomainListWriter {
    @Override
    public String header(String policyName) {
        return "# Parasol blocklist for policy " + RpzZoneWriter.oneLine(policyName) + " (unbound local-zone)\nserver:\n";
    }

    @Override
    public void allow(Writer out, String name) throws IOException {
        zone(out, name, "always_transparent");
    }

    @Override
    public void block(Writer out, String name) throws IOException {
        zone(out, name, "always_nxdomain");
    }

    private static void zone(Writer out, String name, String type) throws IOException {
        out.write("    local-zone: \"");
        out.write(name);
        out.write(".\" ");
        out.write(type);
        out.write('\n');
    }
}
