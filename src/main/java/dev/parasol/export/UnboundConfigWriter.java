package dev.parasol.export;

import dev.parasol.policy.Cidr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * unbound.conf clauses that load the exported zones. Unbound applies rpz clauses in the order
 * they appear and stops at the first zone that matches (a passthru counts as a match), so each
 * policy's zones come in resolver order. When several policies can be told apart by network,
 * each gets a tag: access-control-tag gives it to the policy's networks, and its rpz clauses
 * apply only to clients carrying it. Unbound picks the longest access-control netblock, while
 * Parasol picks the first matching policy, so a block already inside an earlier policy's block
 * keeps the earlier tag. Audit zones are rpz-action-override: disabled (logged, never applied).
 */
public final class UnboundConfigWriter {
    private UnboundConfigWriter() {
    }

    public static String write(List<PolicyZones> policies, Path zoneDir) {
        List<PolicyZones> served = policies.stream().filter(PolicyZones::resolvable).toList();
        boolean tagged = served.size() > 1;
        StringBuilder sb = new StringBuilder();
        sb.append("# Parasol: response policy zones. Include from unbound.conf.\n");
        sb.append("server:\n");
        sb.append("    # RPZ needs the respip module; merge with your own module-config if you set one.\n");
        sb.append("    module-config: \"respip validator iterator\"\n");
        if (tagged) {
            sb.append("    define-tag: \"").append(String.join(" ", served.stream().map(UnboundConfigWriter::tag).toList())).append("\"\n");
            accessControlTags(sb, served);
        }
        for (PolicyZones p : policies) {
            if (!p.resolvable()) {
                sb.append("# Policy \"").append(RpzZoneWriter.oneLine(p.policy().name()))
                        .append("\" has no network identity: a resolver cannot tell its clients apart, so it has no zones here.\n");
            }
        }
        for (PolicyZones p : served) {
            for (RpzZone z : p.zones()) {
                sb.append("rpz:\n");
                sb.append("    # policy: ").append(RpzZoneWriter.oneLine(p.policy().name())).append(", role: ").append(z.role().label()).append('\n');
                sb.append("    name: \"").append(z.name()).append(".\"\n");
                sb.append("    zonefile: \"").append(zoneDir.resolve(z.fileName())).append("\"\n");
                if (z.audit()) {
                    sb.append("    rpz-action-override: disabled\n");
                }
                sb.append("    rpz-log: yes\n");
                sb.append("    rpz-log-name: \"").append(z.name()).append("\"\n");
                if (tagged) {
                    sb.append("    tags: \"").append(tag(p)).append("\"\n");
                }
            }
        }
        return sb.toString();
    }

    static String tag(PolicyZones p) {
        return "parasol_" + p.slug().replace('-', '_');
    }

    private static void accessControlTags(StringBuilder sb, List<PolicyZones> served) {
        List<Cidr> earlier = new ArrayList<>();
        for (PolicyZones p : served) {
            if (p.policy().isDefault()) {
                sb.append("    # Default Policy clients: tag your own access-control netblocks with \"")
                        .append(tag(p)).append("\" too,\n");
                sb.append("    # e.g. access-control-tag: 192.168.0.0/16 \"").append(tag(p)).append("\"\n");
                for (String loopback : List.of("127.0.0.0/8", "::1/128")) {
                    Cidr block = Cidr.parse(loopback);
                    if (earlier.stream().noneMatch(e -> e.contains(block))) {
                        sb.append("    access-control-tag: ").append(loopback).append(" \"").append(tag(p)).append("\"\n");
                    }
                }
                continue;
            }
            for (String network : p.networks()) {
                Cidr block = Cidr.parse(network);
                if (earlier.stream().noneMatch(e -> e.contains(block))) {
                    // An access-control-tag without an access-control line also allows the block.
                    sb.append("    access-control-tag: ").append(network).append(" \"").append(tag(p)).append("\"\n");
                }
            }
            for (String network : p.networks()) {
                earlier.add(Cidr.parse(network));
            }
        }
    }
}
