package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/** Adblock-style DNS filter rules (AdGuard Home, Pi-hole v6): "||name^" blocks, "@@||name^" allows. */
public final class AdblockWriter implements DomainListWriter {
    @Override
    public String header(String policyName) {
        return "! Title: Parasol blocklist for policy " + RpzZoneWriter.oneLine(policyName) + "\n";
    }

    @Override
    public void allow(Writer out, String name) throws IOException {
        out.write("@@||");
        out.write(name);
        out.write("^\n");
    }

    @Override
    public void block(Writer out, String name) throws IOException {
        out.write("||");
        out.write(name);
        out.write("^\n");
    }
}
