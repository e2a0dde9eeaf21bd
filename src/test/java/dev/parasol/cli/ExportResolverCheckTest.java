package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.CliTest;
import dev.parasol.support.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports checked by the resolvers' own tools: named-checkzone, named-checkconf and unbound-checkconf. */
class ExportResolverCheckTest extends CliTest {
    @TempDir
    Path zones;

    @BeforeEach
    void setUp() {
        ExportCommandTest.scenario(cli);
    }

    private List<Path> zoneFiles() throws Exception {
        try (Stream<Path> files = Files.list(zones)) {
            return files.filter(p -> p.toString().endsWith(".rpz")).sorted().toList();
        }
    }

    private static void checkZone(Path file) throws Exception {
        Path tool = ExternalTool.require("named-checkzone", "bind9-utils");
        String zone = file.getFileName().toString().replaceAll("\\.rpz$", "");
        ExternalTool.Run r = ExternalTool.run(List.of(tool.toString(), "-k", "fail", "-i", "local", zone, file.toString()));
        assertEquals(0, r.exitCode(), "named-checkzone " + zone + ":\n" + r.output() + "\n" + Files.readString(file));
        assertTrue(r.output().contains("OK"), r.output());
    }

    @Test
    void everyZoneOfEveryModeAndActionPassesNamedCheckzone() throws Exception {
        List<List<String>> modes = List.of(List.of(), List.of("--per-list"), List.of("--action", "nodata"),
                List.of("--action", "drop"), List.of("--action", "cname:walled-garden.sample-corp.com"));
        for (int mode = 0; mode < modes.size(); mode++) {
            List<String> options = modes.get(mode);
            Path dir = Files.createDirectories(zones.resolve("mode-" + mode));
            List<String> args = new ArrayList<>(List.of("export", "rpz", "--out", dir.toString()));
            args.addAll(options);
            cli.run(args.toArray(String[]::new)).ok();
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> written = files.toList();
                assertTrue(written.size() >= 4, options + " wrote " + written);
                for (Path zone : written) {
                    checkZone(zone);
                }
            }
        }
    }

    @Test
    void bindConfigLoadsEveryZoneInNamedCheckconf() throws Exception {
        Path tool = ExternalTool.require("named-checkconf", "bind9-utils");
        cli.run("export", "rpz", "--out", zones.toString()).ok();
        Path snippet = zones.resolve("named.conf.parasol");
        cli.run("export", "bind-config", "--zone-dir", zones.toString(), "--out", snippet.toString()).ok();
        Path conf = zones.resolve("named.conf");
        Files.writeString(conf, "options { directory \"" + zones + "\"; };\ninclude \"" + snippet + "\";\n");
        // -z loads every zone the configuration names, as named would at start.
        ExternalTool.Run r = ExternalTool.run(List.of(tool.toString(), "-z", conf.toString()));
        assertEquals(0, r.exitCode(), r.output() + "\n" + Files.readString(snippet));
        for (Path zone : zoneFiles()) {
            String name = zone.getFileName().toString().replaceAll("\\.rpz$", "");
            assertTrue(r.output().contains("zone " + name + "/IN: loaded serial"), name + " not loaded:\n" + r.output());
        }
    }

    private static void checkUnbound(Path conf) throws Exception {
        Path tool = ExternalTool.require("unbound-checkconf", "unbound");
        ExternalTool.Run r = ExternalTool.run(List.of(tool.toString(), conf.toString()));
        assertEquals(0, r.exitCode(), r.output() + "\n" + Files.readString(conf));
    }

    private Path unboundConf(Path include) throws Exception {
        Path conf = zones.resolve("unbound-" + include.getFileName() + ".conf");
        Files.writeString(conf, "server:\n    username: \"\"\n    chroot: \"\"\n    directory: \"" + zones + "\"\n"
                + "include: \"" + include + "\"\n");
        return conf;
    }

    @Test
    void unboundConfigPassesUnboundCheckconfWithTagsAndPerList() throws Exception {
        cli.run("policy", "set", "Lab", "--identity", "network:10.20.30.0/24", "--identity", "network:192.168.7.0/24").ok();
        for (List<String> options : List.of(List.<String>of(), List.of("--per-list"))) {
            List<String> rpz = new ArrayList<>(List.of("export", "rpz", "--out", zones.toString()));
            rpz.addAll(options);
            cli.run(rpz.toArray(String[]::new)).ok();
            Path snippet = zones.resolve("unbound.conf.parasol" + options.size());
            List<String> args = new ArrayList<>(List.of("export", "unbound-config", "--zone-dir", zones.toString(), "--out", snippet.toString()));
            args.addAll(options);
            cli.run(args.toArray(String[]::new)).ok();
            String text = Files.readString(snippet);
            assertTrue(text.contains("access-control-tag: 10.20.0.0/16 \"parasol_hq\""), text);
            assertTrue(text.contains("access-control-tag: 192.168.7.0/24 \"parasol_lab\""), text);
            // HQ comes first and holds 10.20.30.0/24 already: Unbound's longest match must not hand it to Lab.
            assertFalse(text.contains("access-control-tag: 10.20.30.0/24"), text);
            checkUnbound(unboundConf(snippet));
        }
    }

    @Test
    void unboundLocalZoneListPassesUnboundCheckconf() throws Exception {
        Path list = zones.resolve("blocklist.conf");
        cli.run("export", "unbound", "--out", list.toString()).ok();
        checkUnbound(list);
    }
}
