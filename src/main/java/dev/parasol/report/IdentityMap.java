package dev.parasol.report;

import dev.parasol.ParasolException;
import dev.parasol.policy.Cidr;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is behind a client address or host name, from a file of "ADDRESS-OR-HOST TYPE:VALUE"
 * lines ('#' starts a comment):
 * <pre>
 * 10.0.0.7            roaming-computer:laptop-7
 * alice-pc.corp.lan   ad-user:alice@corp.example
 * </pre>
 * Resolver logs only carry addresses; this is how roaming computers and directory users get
 * their own identity (and so their own policy) in activity.
 */
public final class IdentityMap {
    public static final IdentityMap EMPTY = new IdentityMap(Map.of());

    private final Map<String, Identity> byClient;

    private IdentityMap(Map<String, Identity> byClient) {
        this.byClient = byClient;
    }

    public static IdentityMap read(Path file) {
        Map<String, Identity> map = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length != 2) {
                    throw ParasolException.usage(file + ":" + number + ": expected 'ADDRESS-OR-HOST TYPE:VALUE'");
                }
                Identity identity;
                try {
                    identity = Identity.parse(f[1]);
                } catch (IllegalArgumentException e) {
                    throw ParasolException.usage(file + ":" + number + ": " + e.getMessage());
                }
                if (identity.type() == IdentityType.NETWORK) {
                    throw ParasolException.usage(file + ":" + number + ": networks come from 'parasol identity add network:CIDR', not the mapping file");
                }
                map.put(key(f[0]), identity);
            }
        } catch (NoSuchFileException e) {
            throw ParasolException.notFound(file + ": no such file");
        } catch (IOException e) {
            throw new ParasolException(dev.parasol.ExitCode.FAILURE, file + ": cannot read: " + e.getMessage());
        }
        return new IdentityMap(Map.copyOf(map));
    }

    public static IdentityMap of(Map<String, Identity> clients) {
        Map<String, Identity> map = new HashMap<>();
        clients.forEach((k, v) -> map.put(key(k), v));
        return new IdentityMap(Map.copyOf(map));
    }

    public Optional<Identity> lookup(String client) {
        return byClient.isEmpty() ? Optional.empty() : Optional.ofNullable(byClient.get(key(client)));
    }

    /** Addresses compare in canonical form ("2001:DB8::0:5" is "2001:db8::5"); host names case-insensitively. */
    private static String key(String client) {
        try {
            return Cidr.parse(client).toString();
        } catch (IllegalArgumentException e) {
            String s = client.strip().toLowerCase(Locale.ROOT);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
