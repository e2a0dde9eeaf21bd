package dev.parasol.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.cli.CommandLineFactory;
import dev.parasol.cli.Context;
import dev.parasol.service.Actor;
import dev.parasol.store.Store;
import dev.parasol.support.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell as a person uses it: keys typed into a terminal, assertions on what the screen shows. */
class ParasolShellTest {
    private static final char CTRL_C = 3;
    private static final char CTRL_D = 4;

    @TempDir
    Path home;
    private Context context;

    @BeforeEach
    void open() {
        context = new Context(Cli.environment(home, Map.of()), Clock.systemUTC(), Actor.SHELL);
    }

    @AfterEach
    void close() {
        context.close();
    }

    /** Types each line after the prompt shows, then Ctrl-D; returns the screen. */
    private String type(String... lines) throws Exception {
        try (TerminalSession session = new TerminalSession(context)) {
            for (String line : lines) {
                session.type(line + "\n");
            }
            return session.leave("" + CTRL_D);
        }
    }

    @Test
    void runsCommandsWithoutThePrefixAndGoesOnAfterAnError() throws Exception {
        String screen = type("enable-integration threatq", "see-domains nosuch", "frobnicate", "integrations");
        assertTrue(screen.contains("/1.0/events?customerKey="), screen);
        assertTrue(screen.contains("parasol: no integration 'nosuch'"), screen);
        assertTrue(screen.contains("parasol: Unmatched argument at index 0: 'frobnicate'"), screen);
        int table = screen.lastIndexOf("threatq");
        assertTrue(table > screen.indexOf("frobnicate"), "integrations ran after the errors:\n" + screen);
    }

    @Test
    void changesAreAuditedAsComingFromTheShell() throws Exception {
        type("allow good.sample-corp.com --comment 'vendor portal'");
        try (Cli cli = new Cli(home)) {
            JsonNode audit = Json.mapper().readTree(cli.run("audit", "search", "-o", "json").ok().out());
            assertEquals("shell", audit.get(0).get("origin").asText(), audit.toString());
            assertEquals("alice", audit.get(0).get("user").asText());
            JsonNode entries = Json.mapper().readTree(cli.run("allow", "list", "-o", "json").ok().out());
            assertEquals("vendor portal", entries.get(0).get("comment").asText(), "quotes group words as in bash");
        }
    }

    @Test
    void theStoreStaysOpenAcrossCommands() throws Exception {
        Store before = context.store();
        type("enable-integration threatq", "integrations");
        assertSame(before, context.store(), "the shell neither closed nor reopened the store");
    }

    @Test
    void ctrlCDropsTheLineBeingTyped() throws Exception {
        String screen;
        try (TerminalSession session = new TerminalSession(context)) {
            session.type("enable-integration threatq").await("threatq").type("" + CTRL_C).type("integrations -o csv\n");
            screen = session.leave("exit\n");
        }
        assertFalse(screen.contains("customerKey"), screen);
        assertTrue(screen.contains("name,provider"), "the shell went on with the next line:\n" + screen);
        assertTrue(screen.contains("threatq,ThreatQ,no,disabled"), screen);
    }

    /**
     * The import reads a named pipe, so it is still running, waiting for more input, when
     * Ctrl-C is typed; the names sent after the shell acknowledged it never reach the list,
     * and neither do those before (an import is kept whole or not at all).
     */
    @Test
    void ctrlCCancelsARunningImportAndTheShellGoesOn() throws Exception {
        Path fifo = home.resolve("feed.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo");
        String screen;
        try (TerminalSession session = new TerminalSession(context)) {
            session.type("enable-integration threatq\n").send("import threatq " + fifo + "\n");
            try (OutputStream feed = Files.newOutputStream(fifo)) { // returns once the import opened the pipe
                feed.write("one.sample-corp.com\ntwo.sample-corp.com\n".getBytes(StandardCharsets.UTF_8));
                feed.flush();
                session.send("" + CTRL_C).await("parasol: cancelling 'import' ...");
                try {
                    feed.write("three.sample-corp.com\n".getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException pipeClosed) {
                    // The cancelled import may have closed the pipe already: nothing more can reach it.
                }
            }
            session.awaitNextPrompt().await("parasol: cancelled (Ctrl-C)");
            session.type("see-domains threatq -o csv\n").type("integrations -o csv\n");
            screen = session.leave("exit\n");
        }
        String after = screen.substring(screen.indexOf("see-domains threatq -o csv"));
        assertFalse(after.contains("sample-corp.com"), "nothing of the cancelled import was kept:\n" + screen);
        assertTrue(after.contains("threatq,ThreatQ,yes,audit,0"), "the shell and its store went on:\n" + screen);
    }

    @Test
    void ctrlDLeaves() throws Exception {
        try (TerminalSession session = new TerminalSession(context)) {
            session.leave("" + CTRL_D);
        }
    }

    @Test
    void helpListsTheCommandsAndShellIsNotNested() throws Exception {
        String screen = type("help", "help see-domains", "shell");
        assertTrue(screen.contains("enable-integration"), screen);
        assertTrue(screen.contains("Usage: parasol see-domains"), screen);
        assertTrue(screen.contains("parasol: already in the shell"), screen);
    }

    @Test
    void historyIsKeptInTheHome() throws Exception {
        type("integrations");
        type("config list");
        List<String> history = Files.readAllLines(home.resolve("history"));
        assertTrue(history.stream().anyMatch(l -> l.endsWith("integrations")), history.toString());
        assertTrue(history.stream().anyMatch(l -> l.endsWith("config list")), history.toString());
    }

    @Test
    void tabCompletesOnTheScreen() throws Exception {
        type("enable-integration misp --display-name MISP");
        String screen = type("see-domains mi\t-o csv");
        assertTrue(screen.contains("see-domains misp -o csv"), screen);
        assertTrue(screen.contains("domain,"), "see-domains misp ran:\n" + screen);
        assertFalse(screen.contains("parasol: no integration"), screen);
    }

    @Test
    void completesCommandsOptionsAndNamesFromTheStore() throws Exception {
        type("enable-integration threatq", "enable-integration threatconnect", "security-setting set Strict --integration threatq",
                "policy set Roaming --identity roaming-computer:laptop-7 --security-setting Strict",
                "destination-list create Partners --type allow");
        assertTrue(complete("").containsAll(List.of("see-domains", "policy", "exit", "help")));
        assertFalse(complete("").contains("shell"));
        assertTrue(complete("see-domains --").contains("--search"));
        assertEquals(List.of("threatconnect", "threatq"), complete("see-domains ").stream().filter(c -> !c.startsWith("-")).sorted().toList());
        assertTrue(complete("import ").contains("threatq"));
        assertTrue(complete("policy show ").containsAll(List.of("Roaming", "Default Policy")));
        assertTrue(complete("policy set Roaming --security-setting ").containsAll(List.of("Strict", "Default Settings")));
        assertTrue(complete("security-setting set Strict --integration ").contains("threatconnect"));
        assertTrue(complete("allow x.sample-corp.com --list ").contains("Partners"));
        assertTrue(complete("check x.sample-corp.com --identity ").contains("roaming-computer:laptop-7"));
        assertTrue(complete("config get ").contains("public-base-url"));
        assertTrue(complete("integrations -o ").containsAll(List.of("table", "json", "csv")));
        assertFalse(complete("destination-list create ").contains("Partners"), "a new name is not completed from the store");
    }

    @Test
    void noColorTakesTheColourOutOfCompletionLists() throws Exception {
        String coloured = completionList(context);
        assertTrue(setsAColour(coloured), "without NO_COLOR the list is coloured:\n" + coloured);
        try (Context noColor = new Context(Map.of("PARASOL_HOME", home.toString(), "NO_COLOR", "1"), Clock.systemUTC(), Actor.SHELL)) {
            String plain = completionList(noColor);
            assertTrue(TerminalSession.plain(plain).contains("threatconnect   threatq"), plain);
            assertFalse(setsAColour(plain), "NO_COLOR:\n" + plain);
        }
    }

    /** Whether an SGR escape sequence sets a colour or attribute (resets, 0, 39 and 49, do not count). */
    private static boolean setsAColour(String screen) {
        java.util.regex.Matcher sgr = java.util.regex.Pattern.compile("\u001b\\[([0-9;]*)m").matcher(screen);
        while (sgr.find()) {
            for (String code : sgr.group(1).split(";")) {
                if (!code.isEmpty() && !List.of("0", "39", "49").contains(code)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String completionList(Context ctx) throws Exception {
        try (TerminalSession session = new TerminalSession(ctx)) {
            session.type("see-domains threat\t").await("threatconnect");
            return session.leave("\u0015exit\n"); // Ctrl-U clears the line
        }
    }

    private List<String> complete(String line) throws java.io.IOException {
        StringWriter sink = new StringWriter();
        ShellCompleter completer = new ShellCompleter(
                CommandLineFactory.create(context, new PrintWriter(sink), new PrintWriter(sink)), new LiveNames(context));
        LineReader reader = LineReaderBuilder.builder().terminal(new DumbTerminal(InputStream.nullInputStream(), OutputStream.nullOutputStream())).build();
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new DefaultParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).distinct().toList();
    }
}
