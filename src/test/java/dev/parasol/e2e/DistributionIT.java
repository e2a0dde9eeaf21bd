package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release: jreleaser.yml is valid and points at the archives the build made, which unpack and run. */
class DistributionIT {
    private static final Path REPO = Path.of(System.getProperty("parasol.repo", "."));
    private static final String VERSION = System.getProperty("parasol.version", "unknown");

    @TempDir
    Path work;

    private static List<Path> archivesNamedInJreleaserYml() throws IOException {
        String yml = Files.readString(REPO.resolve("jreleaser.yml"));
        List<Path> paths = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*- path: (\\S+)$").matcher(yml);
        while (m.find()) {
            paths.add(REPO.resolve(m.group(1).replace("{{distributionName}}", "parasol").replace("{{projectVersion}}", VERSION)));
        }
        return paths;
    }

    @Test
    void jreleaserYmlNamesTheZipAndTarTheBuildMade() throws Exception {
        List<Path> archives = archivesNamedInJreleaserYml();
        assertEquals(2, archives.size(), archives.toString());
        for (Path archive : archives) {
            assertTrue(Files.isRegularFile(archive), archive + " is named in jreleaser.yml but the build did not make it");
        }
        Path zip = archives.stream().filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String top = "parasol-" + VERSION + "/";
            assertTrue(z.getEntry(top + "bin/parasol") != null, "bin/parasol in " + zip);
            assertTrue(z.getEntry(top + "lib/parasol.jar") != null, "lib/parasol.jar in " + zip);
            assertTrue(z.stream().anyMatch(e -> e.getName().startsWith(top + "lib/picocli-")), "dependencies in lib/ of " + zip);
        }
    }

    @Test
    void theUnpackedTarRunsTheWalkthrough() throws Exception {
        Path tar = archivesNamedInJreleaserYml().stream().filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        run(work, Map.of(), "tar", "xzf", tar.toAbsolutePath().toString()).ok();
        Path parasol = work.resolve("parasol-" + VERSION).resolve("bin").resolve("parasol");
        assertTrue(Files.isExecutable(parasol), parasol + " is executable");
        Map<String, String> env = Map.of("PARASOL_HOME", work.resolve("home").toString(), "PARASOL_USER", "release-check");

        assertEquals("parasol " + VERSION, run(work, env, parasol.toString(), "--version").ok().out().strip());
        // the first run made the class-data-sharing archive for this unpacked copy, next to lib/
        assertTrue(Files.isRegularFile(work.resolve("parasol-" + VERSION).resolve("lib").resolve("parasol.jsa")));
        assertTrue(run(work, env, parasol.toString(), "enable-integration", "threatq").ok().out().contains("customerKey="));
        Path feed = work.resolve("domains.txt");
        Files.writeString(feed, "www.malware-c2.xyz\n");
        run(work, env, parasol.toString(), "import", "threatq", feed.toString()).ok();
        String check = run(work, env, parasol.toString(), "check", "www.malware-c2.xyz", "-o", "json").ok().out();
        assertTrue(check.contains("\"ThreatQ\""), check);
        // That check started the decision cache's builder with the distribution's own class path.
        Path home = work.resolve("home");
        ParasolProcess.awaitDecisionCacheBuilders(home);
        assertTrue(Files.isRegularFile(home.resolve(dev.parasol.service.DecisionCache.FILE)));
        java.util.Optional<dev.parasol.store.StoreStamp> before = dev.parasol.store.StoreStamp.ofClosedStore(home);
        assertEquals(check, run(work, env, parasol.toString(), "check", "www.malware-c2.xyz", "-o", "json").ok().out());
        assertEquals(before, dev.parasol.store.StoreStamp.ofClosedStore(home), "answered from the cache, the store untouched");
    }

    /**
     * `jreleaser:config` validates the file against JReleaser's model: the project, the
     * JAVA_BINARY distribution. JReleaser reads git HEAD and the origin remote, so it runs in a
     * scratch repository with the project's pom and jreleaser.yml; nothing is released or signed
     * and the token is a dummy that only the unused release section asks for.
     */
    @Test
    void jreleaserAcceptsTheConfiguration() throws Exception {
        Path scratch = work.resolve("release-check");
        Files.createDirectories(scratch);
        Files.copy(REPO.resolve("pom.xml"), scratch.resolve("pom.xml"));
        Files.copy(REPO.resolve("jreleaser.yml"), scratch.resolve("jreleaser.yml"));
        Map<String, String> env = Map.of();
        run(scratch, env, "git", "init", "-q").ok();
        // JReleaser wants an origin remote; the project has none, and .invalid (RFC 2606) never resolves
        run(scratch, env, "git", "remote", "add", "origin", "https://git.invalid/parasol/parasol.git").ok();
        run(scratch, env, "git", "add", "pom.xml", "jreleaser.yml").ok();
        run(scratch, env, "git", "-c", "user.name=check", "-c", "user.email=check@localhost", "commit", "-q", "-m", "check").ok();
        CommandResult config = run(scratch, Map.of("JRELEASER_GENERIC_TOKEN", "unused-for-validation"),
                "mvn", "-B", "-q", "-Dstyle.color=never", "jreleaser:config");
        assertEquals(0, config.exitCode(), "jreleaser:config rejected jreleaser.yml:\n" + config.out() + config.err()
                + "\n(see " + scratch.resolve("target/jreleaser/trace.log") + ")");
        assertTrue(config.out().contains("type: JAVA_BINARY"), config.out());
    }

    private static CommandResult run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return ParasolProcess.await(p);
    }
}
