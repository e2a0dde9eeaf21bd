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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @TempDir
    Path dir;

    @Test
    void unboundBlocksPassesAllowedChildrenAndOnlyLogsAuditModeNames() throws Exception {
        Path unbound = ExternalTool.require("unbound", "unbound");
        Path dig = ExternalTool.require("dig", "bind9-dnsutils");
        ParasolProcess parasol = new ParasolProcess(dir.resolve("home"));
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput("malware-c2.xyz\n", "import", "threatq", "-").ok();
        parasol.run("enable-integration", "threatconnect").ok();
        parasol.runWithInput("audit-only.sample-corp.com\n", "import", "threatconnect", "-").ok();
        parasol.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        parasol.run("policy", "set", "Default Policy", "--security-setting", "Strict").ok();
        parasol.run("allow", "good.malware-c2.xyz").ok();

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
        try {
            awaitReady(server, dig, port, log);
            assertEquals(new Answer("NXDOMAIN", ""), ask(dig, port, "malware-c2.xyz"), "blocked by the policy");
            assertEquals(new Answer("NXDOMAIN", ""), ask(dig, port, "www.malware-c2.xyz"), "an entry covers its subdomains");
            assertEquals(new Answer("NOERROR", "192.0.2.2"), ask(dig, port, "good.malware-c2.xyz"), "the allowed child is not rewritten");
            assertEquals(new Answer("NOERROR", "192.0.2.3"), ask(dig, port, "audit-only.sample-corp.com"), "audit mode does not block");
        } finally {
            server.destroy();
            server.waitFor();
        }
        String logged = Files.readString(log);
        assertTrue(logged.contains("rpz: applied [enforce.default-policy.rpz.parasol] malware-c2.xyz. rpz-nxdomain"), logged);
        assertTrue(logged.contains("rpz: applied [enforce.default-policy.rpz.parasol] good.malware-c2.xyz. rpz-passthru"), logged);
        assertTrue(logged.contains("rpz: applied [audit.default-policy.rpz.parasol] audit-only.sample-corp.com. rpz-disabled"),
                "the would-be block is logged with the audit zone's name:\n" + logged);
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

    private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
    private static final Pattern ADDRESS = Pattern.compile("\\sIN\\s+A\\s+(\\S+)");

    private static Answer ask(Path dig, int port, String name) throws Exception {
        ExternalTool.Run r = ExternalTool.run(List.of(dig.toString(), "@127.0.0.1", "-p", String.valueOf(port),
                "+time=2", "+tries=1", "+noall", "+comments", "+answer", name, "A"));
        Matcher status = STATUS.matcher(r.output());
        if (!status.find()) {
            return new Answer("NO ANSWER", r.output().strip());
        }
        Matcher address = ADDRESS.matcher(r.output());
        return new Answer(status.group(1), address.find() ? address.group(1) : "");
    }

    /** Polls with a query until Unbound answers; fails early, with its log, if it exits. */
    private static void awaitReady(Process server, Path dig, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("unbound exited with " + server.exitValue() + ":\n" + (Files.exists(log) ? Files.readString(log) : "")
                        + Files.readString(log.resolveSibling("unbound.out")));
            }
            if (!ask(dig, port, "ns.sample-corp.com").status().equals("NO ANSWER")) {
                return;
            }
        }
        fail("unbound did not answer within " + STARTUP.toSeconds() + " s");
    }
}
