package dev.parasol.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests (Debian's {@code postgresql}, which .ci/run installs):
 * one per test JVM, made with initdb in a temp directory, listening on a free loopback port,
 * stopped when the JVM exits. Each test gets a schema of its own, so tests never see each
 * other's rows. Where PostgreSQL's programs are missing the tests skip, saying so; with {@code CI}
 * set they fail instead.
 */
public final class Postgres {
    public static final String USER = "parasol";
    /** Test-only: the server is private to this JVM and listens on loopback only. */
    public static final String PASSWORD = "parasol-test-password";
    private static final String DATABASE = "parasol";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static Postgres server;
    private static String unavailable;

    private final java.util.Map<Path, String> storesByHome = new java.util.HashMap<>();
    private final Path dataDir;
    private final Path pgCtl;
    private final int port;
    private final boolean asPostgresUser;

    private Postgres(Path dataDir, Path pgCtl, int port, boolean asPostgresUser) {
        this.dataDir = dataDir;
        this.pgCtl = pgCtl;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The shared server, started on first use; skips (or fails under CI) when it cannot start. */
    public static synchronized Postgres server() {
        if (server == null && unavailable == null) {
            try {
                server = start();
            } catch (IOException | InterruptedException | SQLException e) {
                unavailable = e.getMessage();
            }
        }
        if (server == null) {
            String why = "PostgreSQL tests need a PostgreSQL server (Debian postgresql): " + unavailable;
            if (System.getenv("CI") != null) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return server;
    }

    /**
     * The store URL that stands for {@code home} on this server: a schema of its own, made on
     * first use, the same one whenever the test opens that home again.
     */
    public synchronized String storeUrlFor(Path home) {
        return storesByHome.computeIfAbsent(home.toAbsolutePath(), h -> freshStoreUrl());
    }

    /** A JDBC URL of a new, empty schema of its own (credentials in the URL: a test server). */
    public String freshStoreUrl() {
        return baseUrl() + "?user=" + USER + "&password=" + PASSWORD + "&currentSchema=" + freshSchema();
    }

    /** Makes a new, empty schema and returns its name. */
    public String freshSchema() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(baseUrl(), USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return schema;
    }

    /**
     * A store URL in a database of its own, made with {@code options} appended to CREATE DATABASE
     * (say, an ICU collation whose order is not byte order).
     */
    public String newDatabaseUrl(String options) {
        String name = "d" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(baseUrl(), USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " " + options);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** The database's URL without credentials. */
    public String baseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    private static Postgres start() throws IOException, InterruptedException, SQLException {
        Path bin = binDir().orElseThrow(() -> new IOException("no initdb/pg_ctl in /usr/lib/postgresql/*/bin"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("parasol-pg");
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            // PostgreSQL refuses to run as root: the server runs as Debian's postgres user.
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Postgres pg = new Postgres(data, bin.resolve("pg_ctl"), port, root);
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"));
        // fsync off: a throwaway test server; crash-safety trials run against H2's files.
        pg.run(List.of(pg.pgCtl.toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off -c max_connections=300", "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.run(List.of(pg.pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "stop"));
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException | InterruptedException ignored) {
                // The JVM is exiting; a leftover temp directory is all that remains.
            }
        }));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        }
        return pg;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8).strip());
        }
    }

    private static Optional<Path> binDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Where the tests' store lives: {@code -Dparasol.test.engine=postgresql} runs them on PostgreSQL. */
    public static boolean selected() {
        return "postgresql".equalsIgnoreCase(System.getProperty("parasol.test.engine", "h2"));
    }

    /** The data directory (for a test that reads the server's own files). */
    public Path dataDir() {
        return dataDir;
    }
}
