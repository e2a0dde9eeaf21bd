package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.Cli;
import dev.parasol.support.CommandResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path home;

    private JsonNode setting(Cli cli, String name) throws Exception {
        for (JsonNode s : Json.mapper().readTree(cli.run("config", "list", "-o", "json").ok().out())) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no setting " + name);
    }

    @Test
    void eachSettingComesFromItsVariableElseTheStoreElseItsDefault() throws Exception {
        try (Cli cli = new Cli(home, Clock.systemUTC(), Map.of("PARASOL_PORT", "9000"))) {
            JsonNode port = setting(cli, "port");
            assertEquals("9000", port.get("value").asText());
            assertEquals("env PARASOL_PORT", port.get("source").asText());
            assertEquals("default", setting(cli, "rate-limit").get("source").asText());
            cli.run("config", "set", "rate-limit", "50").ok();
            assertEquals("50", cli.run("config", "get", "rate-limit").ok().out().strip());
            assertEquals("store", setting(cli, "rate-limit").get("source").asText());
            CommandResult overridden = cli.run("config", "set", "port", "8700").ok();
            assertTrue(overridden.err().contains("$PARASOL_PORT is set and overrides it"), overridden.err());
            assertEquals("9000", cli.run("config", "get", "port").ok().out().strip());
        }
        try (Cli cli = new Cli(home)) {
            assertEquals("8700", cli.run("config", "get", "port").ok().out().strip());
        }
    }

    @Test
    void theOutputSettingIsTheDefaultFormatAndDashOStillWins() throws Exception {
        try (Cli cli = new Cli(home)) {
            cli.run("config", "set", "output", "JSON").ok();
            assertTrue(cli.run("integrations").ok().out().strip().startsWith("["), "json without -o");
            assertTrue(cli.run("integrations", "-o", "table").ok().out().startsWith("NAME"));
        }
        try (Cli cli = new Cli(home, Clock.systemUTC(), Map.of("PARASOL_OUTPUT", "csv"))) {
            assertTrue(cli.run("integrations").ok().out().startsWith("name,provider"), "the variable beats the store");
        }
    }

    @Test
    void badValuesAreUsageErrorsNamingTheirSource() {
        try (Cli cli = new Cli(home)) {
            assertTrue(cli.run("config", "set", "port", "70000").expect(2).err().contains("port must be a number from 0 to 65535"));
            assertTrue(cli.run("config", "set", "output", "yaml").expect(2).err().contains("output must be table, json or csv"));
            assertTrue(cli.run("config", "set", "retention", "30d").expect(3).err().contains("no setting 'retention'"));
        }
        try (Cli cli = new Cli(home, Clock.systemUTC(), Map.of("PARASOL_RATE_LIMIT", "fast"))) {
            assertTrue(cli.run("config", "list").expect(2).err().contains("$PARASOL_RATE_LIMIT: rate-limit must be a number"));
        }
    }
}
