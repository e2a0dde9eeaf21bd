package dev.parasol.export;

import java.nio.file.Path;
import java.util.List;

/**
 * named.conf statements that load the exported zones: one view per policy, in policy order (BIND
 * takes the first view whose match-clients fits, as Parasol takes the first matching policy),
 * matching the policy's network identities; the Default Policy's view matches any client. In a
 * view, response-policy lists the zones in resolver order and audit zones are "policy disabled"
 * (logged, never applied).
 */
public final class BindConfigWriter {
    private BindConfigWriter() {
    }

    public static String write(List<PolicyZones> policies, Path zoneDir) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Parasol: response policy zones, one view per policy. Include from named.conf;\n");
        sb.append("// once views exist, BIND wants every zone inside a view (docs/export.md).\n");
        for (PolicyZones p : policies) {
            if (!p.resolvable()) {
                sb.append("\n// Policy \"").append(RpzZoneWriter.oneLine(p.policy().name()))
                        .append("\" has no network identity: a resolver cannot tell its clients apart, so it has no view.\n");
                continue;
            }
            sb.append("\nview \"parasol-").append(p.slug()).append("\" {\n");
            sb.append("    // policy: ").append(RpzZoneWriter.oneLine(p.policy().name())).append('\n');
            sb.append("    match-clients { ");
            if (p.policy().isDefault()) {
                sb.append("any; ");
            } else {
                for (String cidr : p.networks()) {
                    sb.append(cidr).append("; ");
                }
            }
            sb.append("};\n");
            sb.append("    recursion yes;\n");
            sb.append("    response-policy {\n");
            for (RpzZone z : p.zones()) {
                sb.append("        zone \"").append(z.name()).append("\" policy ")
                        .append(z.audit() ? "disabled" : "given").append(" log yes;\n");
            }
            sb.append("    };\n");
            for (RpzZone z : p.zones()) {
                sb.append("    zone \"").append(z.name()).append("\" { type primary; file \"")
                        .append(zoneDir.resolve(z.fileName())).append("\"; allow-query { none; }; };\n");
            }
            sb.append("};\n");
        }
        return sb.toString();
    }
}
