package dev.parasol.export;

import dev.parasol.policy.DestinationList;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the rules of one response policy zone: for every name a rule for the name and one for
 * "*.name", since an entry covers its subdomains. The header (SOA, NS) is separate because its
 * serial depends on whether the rules changed, known only once they are all written.
 */
public final class RpzZoneWriter {
    static final String PASSTHRU = "rpz-passthru.";
    /** A name's wire form is its text plus 2 octets; 255 octets at most, so 253 characters. */
    private static final int MAX_OWNER_LENGTH = 253;

    private final Writer out;
    private final String blockTarget;
    private final int maxNameLength;
    private long passthruRules;
    private long blockRules;
    private long tooLong;

    public RpzZoneWriter(Writer out, String zoneName, BlockAction action) {
        this.out = out;
        this.blockTarget = action.cnameTarget();
        // "*." + name + "." + zone must still be a legal owner name.
        this.maxNameLength = MAX_OWNER_LENGTH - zoneName.length() - 3;
    }

    public void passthru(String name) throws IOException {
        if (rules(name, PASSTHRU)) {
            passthruRules++;
        }
    }

    public void block(String name) throws IOException {
        if (rules(name, blockTarget)) {
            blockRules++;
        }
    }

    private boolean rules(String name, String target) throws IOException {
        if (name.length() > maxNameLength) {
            tooLong++;
            return false;
        }
        // Owner names are relative to the zone origin, as RPZ triggers must be.
        out.write(name);
        out.write(" CNAME ");
        out.write(target);
        out.write("\n*.");
        out.write(name);
        out.write(" CNAME ");
        out.write(target);
        out.write('\n');
        return true;
    }

    public long passthruNames() {
        return passthruRules;
    }

    public long blockedNames() {
        return blockRules;
    }

    /** Names left out because, under this zone's name, they would exceed DNS's 255-octet limit. */
    public long tooLongNames() {
        return tooLong;
    }

    /** The zone's header with {@code serial} in its SOA; the same text for the same zone apart from it. */
    public static String header(RpzZone zone, BlockAction action, long serial) {
        StringBuilder sb = new StringBuilder();
        sb.append("; Parasol response policy zone ").append(zone.name()).append('\n');
        sb.append("; policy: ").append(oneLine(zone.policyName())).append(", role: ").append(zone.role().label()).append('\n');
        if (!zone.passthruLists().isEmpty()) {
            sb.append("; passthru (allow) from: ").append(names(zone.passthruLists())).append('\n');
        }
        if (!zone.blockLists().isEmpty()) {
            sb.append("; ").append(zone.audit() ? "audit" : action.label()).append(" from: ").append(names(zone.blockLists())).append('\n');
        }
        if (zone.audit()) {
            sb.append("; Audit mode: load this zone log-only (BIND: policy disabled; Unbound: rpz-action-override: disabled).\n");
        }
        sb.append("$TTL 60\n");
        sb.append("@ IN SOA localhost. hostmaster.localhost. ").append(serial).append(" 3600 600 86400 60\n");
        sb.append("@ IN NS localhost.\n");
        return sb.toString();
    }

    private static String names(List<DestinationList> lists) {
        return lists.stream().map(l -> oneLine(l.name())).collect(Collectors.joining(", "));
    }

    /** Names come from admins and feeds: no line breaks may escape the comment. */
    static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}]", " ");
    }
}
