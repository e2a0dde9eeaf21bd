package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parasol.support.ExternalTool;
import dev.parasol.support.ParasolProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a real resolver enforces what Parasol decides: the packaged program exports
 * the zones and the unbound configuration, as a cron job would; Unbound loads them on a loopback
 * port, and dig asks it. With no network, "upstream" is an Unbound auth-zone used only for
 * recursion (for-upstream), which RPZ rewrites come before: so an answer from it means the name
 * was not rewritten, and NXDOMAIN on a name it holds means the policy blocked it.
 */
class UnboundRpzIT {
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final String DEFAULT_ZONE = "enforce.default-policy.rpz.parasol";

    @TempDir
    Path dir;
    private Path unbound;
    private Path dig;
    private ParasolProcess parasol;

    @BeforeEach
    void scenario() throws Exception {
        unbound = ExternalTool.require("unbound", "unbound");
        dig = ExternalTool.require("dig", "bind9-dnsutils");
        parasol = new ParasolProcess(dir.resolve("home"));
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput("malware-c2.xyz\n", "import", "threatq", "-").ok();
        parasol.run("enable-integration", "threatconnect").ok();
        parasol.runWithInput("audit-only.sample-corp.com\n", "import", "threatconnect", "-").ok();
        parasol.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        parasol.run("policy", "set", "Default Policy", "--security-setting", "Strict").ok();
        parasol.run("allow", "good.malware-c2.xyz").ok();
    }

    @Test
    void unboundBlocksPassesAllowedChildrenAndOnlyLogsAuditModeNames() throws Exception {
        Resolver resolver = startWithExport();
        try (resolver) {
            assertEquals(new Answer("NXDOMAIN", ""), resolver.ask("malware-c2.xyz"), "blocked by the policy");
            assertEquals(new Answer("NXDOMAIN", ""), resolver.ask("www.malware-c2.xyz"), "an entry covers its subdomains");
            assertEquals(new Answer("NOERROR", "192.0.2.2"), resolver.ask("good.malware-c2.xyz"), "the allowed child is not rewritten");
            assertEquals(new Answer("NOERROR", "192.0.2.3"), resolver.ask("audit-only.sample-corp.com"), "audit mode does not block");
        }
        // Read once Unbound has exited, so every line is flushed.
        String log = resolver.log();
        assertTrue(log.contains("rpz: applied [" + DEFAULT_ZONE + "] malware-c2.xyz. rpz-nxdomain"), log);
        assertTrue(log.contains("rpz: applied [" + DEFAULT_ZONE + "] good.malware-c2.xyz. rpz-passthru"), log);
        assertTrue(log.contains("rpz: applied [audit.default-policy.rpz.parasol] audit-only.sample-corp.com. rpz-disabled"),
                "the would-be block is logged with the audit zone's name:\n" + log);
    }

    @Test
    void aPolicyNetworkGetsItsOwnZonesThroughUnboundTags() throws Exception {
        // Lab enforces nothing but the global lists, so ThreatQ is audit mode for its clients.
        parasol.run("policy", "set", "Lab", "--identity", "network:127.0.0.2/32").ok();
        Resolver resolver = startWithExport();
        try (resolver) {
            assertEquals(new Answer("NXDOMAIN", ""), resolver.ask("malware-c2.xyz"), "127.0.0.1: the Default Policy blocks");
            assertEquals(new Answer("NOERROR", "192.0.2.1"), resolver.askFrom("127.0.0.2", "malware-c2.xyz"), "127.0.0.2: Lab does not");
        }
        String log = resolver.log();
        assertTrue(log.contains("rpz: applied [audit.lab.rpz.parasol] malware-c2.xyz. rpz-disabled"), log);
    }

    /** Exports the zones and the configuration with the packaged program, then starts Unbound on them. */
    private Resolver startWithExport() throws Exception {
        Path zones = Files.createDirectories(dir.resolve("zones"));
        parasol.run("export", "rpz", "--out", zones.toString()).ok();
        Path snippet = dir.resolve("unbound.conf.parasol");
        parasol.run("export", "unbound-config", "--zone-dir", zones.toString(), "--out", snippet.toString()).ok();
        Files.writeString(dir.resolve("malware-c2.xyz.zone"), """
                $TTL 60
                @ IN SOA ns.malware-c2.xyz. hostmaster.malware-c2.xyz. 1 3600 600 86400 60
                @ IN NS ns.malware-c2.xyz.
                @ IN A 192.0.2.1
                ns IN A 127.0.0.1
                good IN A 192.0.2.2
                """);
        Files.writeString(dir.resolve("sample-corp.com.zone"), """
                $TTL 60
                @ IN SOA ns.sample-corp.com. hostmaster.sample-corp.com. 1 3600 600 86400 60
                @ IN NS ns.sample-corp.com.
                ns IN A 127.0.0.1
                audit-only IN A 192.0.2.3
                """);
        int port = freePort();
        Path log = dir.resolve("unbound.log");
        Path conf = dir.resolve("unbound.conf");
        Files.writeString(conf, """
                server:
                    interface: 127.0.0.1
                    port: %d
                    do-ip6: no
                    username: ""
                    chroot: ""
                    directory: "%s"
                    pidfile: "%s/unbound.pid"
                    use-syslog: no
                    logfile: "%s"
                    verbosity: 1
                    do-daemonize: no
                remote-control:
                    control-enable: no
                %s
                %s
                include: "%s"
                """.formatted(port, dir, dir, log, upstream("malware-c2.xyz"), upstream("sample-corp.com"), snippet));
        Process server = new ProcessBuilder(unbound.toString(), "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unbound.out").toFile()).start();
        Resolver resolver = new Resolver(server, dig, port, log);
        try {
            resolver.awaitReady();
        } catch (Throwable t) {
            resolver.close();
            throw t;
        }
        return resolver;
    }

    private String upstream(String zone) {
        return """
                auth-zone:
                    name: "%s."
                    zonefile: "%s"
                    for-downstream: no
                    for-upstream: yes
                    fallback-enabled: no""".formatted(zone, dir.resolve(zone + ".zone"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    record Answer(String status, String address) {
    }

    /** A running Unbound and the dig that asks it. */
    private record Resolver(Process server, Path dig, int port, Path logFile) implements AutoCloseable {
        private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
        private static final Pattern ADDRESS = Pattern.compile("\\sIN\\s+A\\s+(\\S+)");

        Answer ask(String name) throws Exception {
            return askFrom(null, name);
        }

        /** Asks from a given loopback source address (dig -b), so network identities can match. */
        Answer askFrom(String source, String name) throws Exception {
            List<String> command = new ArrayList<>(List.of(dig.toString(), "@127.0.0.1", "-p", String.valueOf(port)));
            if (source != null) {
                command.addAll(List.of("-b", source));
            }
            command.addAll(List.of("+time=2", "+tries=1", "+noall", "+comments", "+answer", name, "A"));
            ExternalTool.Run r = ExternalTool.run(command);
            Matcher status = STATUS.matcher(r.output());
            if (!status.find()) {
                return new Answer("NO ANSWER", r.output().strip());
            }
            Matcher address = ADDRESS.matcher(r.output());
            return new Answer(status.group(1), address.find() ? address.group(1) : "");
        }

        /** Polls with a query until Unbound answers; fails early, with its output, if it exits. */
        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    fail("unbound exited with " + server.exitValue() + ":\n" + log()
                            + Files.readString(logFile.resolveSibling("unbound.out")));
                }
                if (!ask("ns.sample-corp.com").status().equals("NO ANSWER")) {
                    return;
                }
            }
            fail("unbound did not answer within " + STARTUP.toSeconds() + " s");
        }

        String log() throws IOException {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        }

        @Override
        public void close() throws InterruptedException {
            server.destroy();
            server.waitFor();
        }
    }
}
