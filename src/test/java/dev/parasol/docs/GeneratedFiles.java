package dev.parasol.docs;

import dev.parasol.cli.CommandLineFactory;
import dev.parasol.cli.Context;
import dev.parasol.cli.GenerateCompletionCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The files generated from the picocli command model and committed: the bash completion script
 * (completions/parasol) and one AsciiDoc man page per command (docs/man/). The build runs
 * {@link #main} in process-test-classes (outside CI) so they follow the code; GeneratedFilesTest
 * fails when the committed ones differ. Lives with the tests so picocli-codegen never ships.
 */
public final class GeneratedFiles {
    public static final String REGENERATE = "mvn -B process-test-classes";
    static final Path COMPLETION = Path.of("completions", "parasol");
    static final Path MAN = Path.of("docs", "man");

    private GeneratedFiles() {
    }

    /** Every generated file by its path relative to the repository, with \n line ends. */
    public static Map<Path, String> generate() {
        CommandLine cli = model();
        Map<Path, String> files = new TreeMap<>();
        files.put(COMPLETION, GenerateCompletionCommand.script(cli));
        addManPages(files, cli);
        return files;
    }

    /** The command model as main builds it; its context is never used, so no store is opened. */
    static CommandLine model() {
        Context unused = new Context(Map.of(), Clock.systemUTC(), "cli");
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CommandLineFactory.create(unused, sink, sink);
    }

    private static void addManPages(Map<Path, String> files, CommandLine command) {
        if (command.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        StringWriter page = new StringWriter();
        try (PrintWriter pw = new PrintWriter(page)) {
            ManPageGenerator.writeSingleManPage(pw, command.getCommandSpec());
        }
        files.put(MAN.resolve(command.getCommandSpec().qualifiedName("-") + ".adoc"), unixLines(page.toString()));
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == command.getCommandSpec()) { // aliases list a command twice
                addManPages(files, sub);
            }
        }
    }

    private static String unixLines(String text) {
        return text.replace("\r\n", "\n");
    }

    /** Writes the generated files under the repository {@code args[0]}; pages of removed commands go too. */
    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        Map<Path, String> files = generate();
        Path manDir = repo.resolve(MAN);
        if (Files.isDirectory(manDir)) {
            try (var old = Files.list(manDir)) {
                for (Path p : old.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                    if (!files.containsKey(MAN.resolve(p.getFileName()))) {
                        Files.delete(p);
                    }
                }
            }
        }
        files.forEach((path, content) -> {
            Path target = repo.resolve(path);
            try {
                Files.createDirectories(target.getParent());
                if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
                    Files.writeString(target, content, StandardCharsets.UTF_8);
                    System.out.println("generated " + path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
