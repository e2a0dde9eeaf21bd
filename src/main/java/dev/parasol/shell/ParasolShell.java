package dev.parasol.shell;

import dev.parasol.ExitCode;
import dev.parasol.cli.CommandLineFactory;
import dev.parasol.cli.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: reads a line, runs it as `parasol LINE` through the shared
 * CommandLineFactory, prints what the command printed, and asks again. One Context, so one
 * open store, for the whole session; each line gets a fresh CommandLine so no option value
 * leaks into the next command.
 */
public final class ParasolShell {
    static final Set<String> BUILTINS = Set.of("exit", "quit", "help");
    /** Commands that make no sense inside a running shell. */
    static final Set<String> NOT_IN_SHELL = Set.of("shell");
    static final String PROMPT = "parasol> ";
    /** JLine colours completion lists with these; NO_COLOR (https://no-color.org) blanks them. */
    private static final List<String> COMPLETION_STYLES = List.of(
            LineReader.COMPLETION_STYLE_STARTING, LineReader.COMPLETION_STYLE_DESCRIPTION, LineReader.COMPLETION_STYLE_GROUP,
            LineReader.COMPLETION_STYLE_SELECTION, LineReader.COMPLETION_STYLE_BACKGROUND,
            LineReader.COMPLETION_STYLE_LIST_STARTING, LineReader.COMPLETION_STYLE_LIST_DESCRIPTION,
            LineReader.COMPLETION_STYLE_LIST_GROUP, LineReader.COMPLETION_STYLE_LIST_SELECTION,
            LineReader.COMPLETION_STYLE_LIST_BACKGROUND);

    private final Context context;
    private final Terminal terminal;

    public ParasolShell(Context context, Terminal terminal) {
        this.context = context;
        this.terminal = terminal;
    }

    public ExitCode run() {
        PrintWriter screen = terminal.writer();
        // Commands that read '-' would otherwise compete with the line editor for the keyboard.
        context.setStdin(InputStream.nullInputStream());
        LineReader reader = LineReaderBuilder.builder()
                .appName("parasol")
                .terminal(terminal)
                .parser(new DefaultParser())
                .completer(new ShellCompleter(CommandLineFactory.create(context, screen, screen), new LiveNames(context)))
                .variable(LineReader.HISTORY_FILE, historyFile())
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .build();
        if (context.env("NO_COLOR").isPresent()) {
            for (String style : COMPLETION_STYLES) {
                reader.setVariable(style, "fg:default"); // an empty value would mean JLine's default colours
            }
        }
        screen.println("Parasol shell: every parasol command without 'parasol'. TAB completes, 'help' lists commands, Ctrl-D or 'exit' leaves.");
        screen.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                // Ctrl-C drops the line being typed, as in bash. JLine interrupted this thread to
                // stop the read; H2 closes its files on an interrupted thread, so clear the flag.
                Thread.interrupted();
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = words(reader, line);
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            if (first.equals("exit") || first.equals("quit")) {
                break;
            }
            execute(screen, words);
        }
        saveHistory(reader);
        return ExitCode.OK;
    }

    private void execute(PrintWriter screen, List<String> words) {
        List<String> args = new ArrayList<>(words);
        if (args.get(0).equals("help")) {
            args.remove(0);
            args.add("--help");
        } else if (NOT_IN_SHELL.contains(args.get(0))) {
            screen.println("parasol: already in the shell");
            screen.flush();
            return;
        }
        String[] argv = args.toArray(String[]::new);
        // Ctrl-C while the command runs asks it to stop (imports and check --file look between
        // steps; an import is then rolled back) instead of ending the shell.
        context.cancellation().clear();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
            context.cancellation().request();
            // on a line of its own: the terminal has echoed ^C, maybe after a progress bar
            screen.println();
            screen.println("parasol: cancelling '" + argv[0] + "' ...");
            screen.flush();
        });
        try {
            CommandLineFactory.createFor(context, screen, screen, argv).execute(argv);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            context.cancellation().clear();
        }
        screen.flush();
    }

    private static List<String> words(LineReader reader, String line) {
        List<String> words = new ArrayList<>(reader.getParsedLine().words());
        // the parser reports the empty word after a trailing blank as a word of its own
        if (!words.isEmpty() && words.get(words.size() - 1).isEmpty() && !line.stripTrailing().equals(line)) {
            words.remove(words.size() - 1);
        }
        return words;
    }

    private Path historyFile() {
        Path home = context.home();
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home.resolve("history");
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            reader.getTerminal().writer().println("parasol: could not save the history: " + e.getMessage());
        }
    }
}
