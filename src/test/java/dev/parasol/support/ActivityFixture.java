package dev.parasol.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Policies and three days of activity shared by the report tests. ThreatQ is in audit mode for
 * the Default Policy and enforced by Finance (10.1.0.0/16); 10.0.0.0/8 is registered.
 *
 * <pre>
 * 2026-11-21  10.0.0.5      www.malware-c2.xyz       x2  allowed, ThreatQ (audit mode)
 *             10.1.2.3      www.malware-c2.xyz       x1  blocked by Finance
 * 2026-11-22  192.168.1.20  phish.sample-corp.net    x1  allowed, ThreatQ (audit mode)
 *             10.0.0.5      ads.tracker.example.org  x3  blocked, Global Block List
 *             10.0.0.5      www.example.com          x1  allowed
 * 2026-11-23  10.0.0.5      www.example.com          x1  allowed
 * </pre>
 */
public final class ActivityFixture {
    public static final String CSV = String.join("\n",
            "time,client,domain,qtype",
            "2026-11-21T08:00:00Z,10.0.0.5,www.malware-c2.xyz,A",
            "2026-11-21T08:00:01Z,10.0.0.5,www.malware-c2.xyz,AAAA",
            "2026-11-21T09:00:00Z,10.1.2.3,www.malware-c2.xyz,A",
            "2026-11-22T10:00:00Z,192.168.1.20,phish.sample-corp.net,A",
            "2026-11-22T11:00:00Z,10.0.0.5,ads.tracker.example.org,A",
            "2026-11-22T11:00:01Z,10.0.0.5,ads.tracker.example.org,A",
            "2026-11-22T11:00:02Z,10.0.0.5,ads.tracker.example.org,A",
            "2026-11-22T12:00:00Z,10.0.0.5,www.example.com,A",
            "2026-11-23T01:00:00Z,10.0.0.5,www.example.com,A",
            "");

    private ActivityFixture() {
    }

    /** The policies, through the given runner (in-process or the packaged program). */
    public static void policies(Runner parasol) throws Exception {
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput("malware-c2.xyz\nphish.sample-corp.net\n", "import", "threatq", "-").ok();
        parasol.run("block", "tracker.example.org").ok();
        parasol.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        parasol.run("policy", "set", "Finance", "--identity", "network:10.1.0.0/16", "--security-setting", "Strict").ok();
        parasol.run("identity", "add", "network:10.0.0.0/8").ok();
    }

    public static Path log(Path dir) throws Exception {
        return Files.writeString(dir.resolve("activity.csv"), CSV);
    }

    /** What the fixture needs of Cli and ParasolProcess. */
    public interface Runner {
        CommandResult run(String... args) throws Exception;

        CommandResult runWithInput(String stdin, String... args) throws Exception;

        /** Commands run in-process. */
        static Runner of(Cli cli) {
            return new Runner() {
                @Override
                public CommandResult run(String... args) {
                    return cli.run(args);
                }

                @Override
                public CommandResult runWithInput(String stdin, String... args) {
                    return cli.runWithInput(stdin, args);
                }
            };
        }
    }
}
