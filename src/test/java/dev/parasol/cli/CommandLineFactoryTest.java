package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A command line built for one run holds only the command it names; what it prints must be
 * exactly what the whole tree prints for the same arguments.
 */
class CommandLineFactoryTest {
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(boolean narrowed, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Context context = new Context(Map.of("PARASOL_HOME", home.toString(), "NO_COLOR", "1"), Clock.systemUTC(), "cli")) {
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            CommandLine cli = narrowed ? CommandLineFactory.createFor(context, o, e, args) : CommandLineFactory.create(context, o, e);
            int code = cli.execute(args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @Test
    void everyCommandsHelpAndUsageErrorsAreTheSameAsFromTheWholeTree() {
        CommandLine whole = CommandLineFactory.create(new Context(Map.of(), Clock.systemUTC(), "cli"),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (CommandLine top : whole.getSubcommands().values()) {
            String name = top.getCommandName();
            List<String[]> cases = new java.util.ArrayList<>(List.of(
                    new String[] {name, "--help"},
                    new String[] {"--home", home.toString(), name, "--no-such-option"}));
            for (String sub : top.getSubcommands().keySet()) {
                cases.add(new String[] {name, sub, "--help"});
            }
            for (String[] args : cases) {
                assertEquals(run(false, args), run(true, args), String.join(" ", args));
            }
        }
    }

    @Test
    void rootLevelOutputIsTheSame() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"--help"}, new String[] {},
                new String[] {"chek", "x"}, new String[] {"--verbose", "--version"})) {
            Run narrowed = run(true, args);
            assertEquals(run(false, args), narrowed, String.join(" ", args));
        }
        assertTrue(run(true, "chek").err().contains("Did you mean: parasol check"));
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertEquals(List.of(CheckCommand.class), CommandLineFactory.reachable(new String[] {"check", "example.org"}));
        assertEquals(List.of(CheckCommand.class),
                CommandLineFactory.reachable(new String[] {"--home", "integrations", "--verbose", "--db=jdbc:h2:mem:x", "check"}));
        assertEquals(List.of(), CommandLineFactory.reachable(new String[] {"--version"}));
        List<Class<?>> all = List.copyOf(ParasolCommand.SUBCOMMANDS.values());
        assertEquals(all, CommandLineFactory.reachable(new String[] {"--version", "--help"}));
        assertEquals(all, CommandLineFactory.reachable(new String[] {"@args.txt"}));
        assertEquals(all, CommandLineFactory.reachable(new String[] {}));
    }

    @Test
    void eachCommandIsFiledUnderItsOwnName() {
        ParasolCommand.SUBCOMMANDS.forEach((name, command) ->
                assertEquals(name, command.getAnnotation(picocli.CommandLine.Command.class).name(), command.getName()));
    }
}
