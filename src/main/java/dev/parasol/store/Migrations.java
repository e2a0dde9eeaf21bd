package dev.parasol.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies the versioned SQL files under db/ (listed in db/migrations.txt, named V&lt;n&gt;__what.sql)
 * in order, each once, recording the version in schema_version.
 */
final class Migrations {
    record Migration(int version, String resource, String description) {
    }

    private Migrations() {
    }

    static List<Migration> available() {
        List<Migration> list = new ArrayList<>();
        for (String line : readResource("db/migrations.txt").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            int sep = file.indexOf("__");
            int version = Integer.parseInt(file.substring(1, sep));
            String description = file.substring(sep + 2, file.length() - 4).replace('_', ' ');
            list.add(new Migration(version, "db/" + file, description));
        }
        return list;
    }

    static int latestVersion() {
        return available().stream().mapToInt(Migration::version).max().orElse(0);
    }

    /** Returns the version the store is at afterwards. */
    static int apply(Connection c, Engine engine) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INT PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = currentVersion(c);
        int latest = latestVersion();
        if (current > latest) {
            throw new StoreException("the store is at schema version " + current
                    + ", newer than this Parasol understands (" + latest + "); upgrade Parasol", null);
        }
        for (Migration m : available()) {
            if (m.version() <= current) {
                continue;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements(readResource(m.resource()))) {
                    st.execute(engine.migrationSql(sql));
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            current = m.version();
        }
        return current;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Splits a migration on semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String readResource(String name) {
        InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
