package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.Cli;
import dev.parasol.support.CliTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The entry counts lists keep (V8__entry_counts.sql) equal the entries a full listing shows,
 * after every kind of change that adds or removes entries, concurrent ones and retried ones
 * included.
 */
class EntryCountTest extends CliTest {
    private static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i + ".bad.xyz").collect(Collectors.toList());
    }

    private void assertCountsMatchListings() throws Exception {
        for (JsonNode l : Json.mapper().readTree(cli.run("destination-list", "list", "-o", "json").ok().out())) {
            String name = l.get("name").asText();
            long listed = Json.mapper().readTree(cli.run("destination-list", "show", name, "--all", "-o", "json").ok().out()).size();
            assertEquals(listed, l.get("entries").asLong(), "kept count of '" + name + "'");
        }
        JsonNode threatq = Json.mapper().readTree(cli.run("integrations", "-o", "json").ok().out()).get(1);
        long shown = cli.run("see-domains", "threatq", "--all", "-o", "csv").ok().out().lines().count() - 1;
        assertEquals(shown, threatq.get("domains").asLong(), "integrations' count");
    }

    @Test
    void keptCountsFollowEveryChange() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        Path feed = home.resolve("feed.txt");
        Files.write(feed, names("a", 0, 500));
        cli.run("import", "threatq", feed.toString()).ok();
        Files.write(feed, names("a", 100, 600));
        cli.run("import", "threatq", feed.toString()).ok();
        long mistaken = Json.mapper().readTree(cli.run("audit", "search", "--type", "destination-list", "-o", "json").ok().out())
                .get(0).get("id").asLong();
        cli.run("delete-domain", "threatq", "a1.bad.xyz").ok();
        cli.run("delete-domain", "threatq", "a2.bad.xyz").ok();
        long deleted = Json.mapper().readTree(cli.run("audit", "search", "--type", "destination-list-entry", "-o", "json").ok().out())
                .get(0).get("id").asLong();
        cli.run("audit", "revert", String.valueOf(deleted)).ok();
        cli.run("audit", "revert", String.valueOf(mistaken)).ok();
        cli.run("block", "ads.bad.xyz").ok();
        cli.run("block", "more.bad.xyz").ok();
        cli.run("block", "remove", "ads.bad.xyz").ok();
        cli.run("allow", "partner.sample-corp.com").ok();
        assertCountsMatchListings();

        // Two imports of the same names at once: the loser's retried transaction counts once.
        Path same = home.resolve("same.txt");
        Files.write(same, names("s", 0, 3000));
        Path copy = Files.copy(same, home.resolve("same-copy.txt"));
        try (Cli other = new Cli(home)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> cli.run("import", "threatq", same.toString()).ok());
            other.run("import", "threatq", copy.toString()).ok();
            first.get();
        }
        assertCountsMatchListings();
    }
}
