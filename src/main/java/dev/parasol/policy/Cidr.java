package dev.parasol.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 block; a bare address is a /32 or /128. Never touches DNS. */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = parseLiteral(addressPart);
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix length in '" + text + "' must be 0 to " + max);
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** Accepts only IP literals, so that InetAddress never falls back to a DNS lookup. */
    static byte[] parseLiteral(String s) {
        boolean v4 = !s.isEmpty() && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (v4) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address");
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    throw new IllegalArgumentException("'" + s + "' is not an IP address");
                }
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new IllegalArgumentException("'" + s + "' is not an IP address");
                }
                b[i] = (byte) octet;
            }
            return b;
        }
        if (v6) {
            try {
                // Contains ':' and only hex digits, so this parses a literal and never resolves.
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address");
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block");
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bitsHere)));
        }
        return out;
    }

    /** Whether every address of {@code other} lies inside this block. */
    public boolean contains(Cidr other) {
        if (other.network.length != network.length || other.prefix < prefix) {
            return false;
        }
        return Arrays.equals(mask(other.network, prefix), network);
    }

    public boolean isV6() {
        return network.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        String address = isV6() ? compressV6(network) : (network[0] & 0xff) + "." + (network[1] & 0xff) + "." + (network[2] & 0xff) + "." + (network[3] & 0xff);
        return address + "/" + prefix;
    }

    /** RFC 5952 text: the longest run of zero groups as "::". */
    private static String compressV6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
