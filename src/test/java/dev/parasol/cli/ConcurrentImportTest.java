package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.Cli;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two importers sending the same names at once (a cron job and a receiver, or two receivers):
 * the one that loses the race to insert a name retries and refreshes it instead of failing.
 */
class ConcurrentImportTest extends CliTest {
    @Test
    void twoImportsOfTheSameNamesAtOnceBothSucceed() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        Path feed = home.resolve("same.txt");
        List<String> names = IntStream.range(0, 20_000).mapToObj(i -> "same-" + i + ".bad.xyz").collect(Collectors.toList());
        Files.write(feed, names);
        Path sameFromElsewhere = Files.copy(feed, home.resolve("same-copy.txt"));
        CountDownLatch start = new CountDownLatch(1);
        try (Cli other = new Cli(home)) {
            CompletableFuture<CommandResult> first = CompletableFuture.supplyAsync(() -> {
                await(start);
                return cli.run("import", "threatq", feed.toString());
            });
            CompletableFuture<CommandResult> second = CompletableFuture.supplyAsync(() -> {
                await(start);
                return other.run("import", "threatq", sameFromElsewhere.toString());
            });
            start.countDown();
            first.get().ok();
            second.get().ok();
        }
        JsonNode threatq = Json.mapper().readTree(cli.run("integrations", "-o", "json").ok().out()).get(1);
        assertEquals("threatq", threatq.get("name").asText());
        assertEquals(names.size(), threatq.get("domains").asInt());
        JsonNode entry = Json.mapper().readTree(cli.run("see-domains", "threatq", "--search", "same-7.bad", "-o", "json").ok().out()).get(0);
        assertEquals(2, entry.get("timesSeen").asInt(), "seen by both imports: " + entry);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
