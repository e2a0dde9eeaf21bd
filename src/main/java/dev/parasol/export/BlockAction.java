package dev.parasol.export;

import dev.parasol.policy.DomainName;
import dev.parasol.policy.InvalidDomainException;
import java.util.Locale;

/**
 * What an RPZ block rule answers, written as the CNAME target RPZ defines for it:
 * nxdomain ("."), nodata ("*."), drop ("rpz-drop.") or a walled garden ("cname:TARGET").
 */
public record BlockAction(String label, String cnameTarget) {
    public static final BlockAction NXDOMAIN = new BlockAction("nxdomain", ".");
    public static final BlockAction NODATA = new BlockAction("nodata", "*.");
    public static final BlockAction DROP = new BlockAction("drop", "rpz-drop.");

    /** Parses nxdomain, nodata, drop or cname:TARGET; throws IllegalArgumentException with a message for the user. */
    public static BlockAction parse(String text) {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nxdomain":
                return NXDOMAIN;
            case "nodata":
                return NODATA;
            case "drop":
                return DROP;
            default:
                break;
        }
        if (s.regionMatches(true, 0, "cname:", 0, 6)) {
            String target = s.substring(6);
            try {
                String name = DomainName.parse(target).value();
                return new BlockAction("cname:" + name, name + ".");
            } catch (InvalidDomainException e) {
                throw new IllegalArgumentException("cname target '" + target + "' is not a domain name: " + e.reason());
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "'; expected nxdomain, nodata, drop or cname:TARGET");
    }

    @Override
    public String toString() {
        return label;
    }
}
