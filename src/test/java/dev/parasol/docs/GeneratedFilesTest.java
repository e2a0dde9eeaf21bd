package dev.parasol.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The committed completion script and man pages are what the current command model generates. */
class GeneratedFilesTest {
    private static final Path REPO = Path.of(System.getProperty("parasol.repo", "."));
    private static final String HOW = "\nregenerate with `" + GeneratedFiles.REGENERATE + "` (run without CI set) and commit completions/ and docs/man/";

    @Test
    void committedFilesAreWhatTheCommandModelGenerates() throws Exception {
        Map<Path, String> generated = GeneratedFiles.generate();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> file : generated.entrySet()) {
            Path committed = REPO.resolve(file.getKey());
            if (!Files.exists(committed) || !Files.readString(committed, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(file.getKey() + (Files.exists(committed) ? " differs" : " is missing"));
            }
        }
        try (var pages = Files.list(REPO.resolve(GeneratedFiles.MAN))) {
            pages.map(p -> GeneratedFiles.MAN.resolve(p.getFileName()))
                    .filter(p -> !generated.containsKey(p))
                    .forEach(p -> stale.add(p + " belongs to no command"));
        }
        assertTrue(stale.isEmpty(), String.join("\n", stale) + HOW);
    }

    @Test
    void generateCompletionPrintsTheCommittedScript(@TempDir Path home) throws Exception {
        try (Cli cli = new Cli(home)) {
            String printed = cli.run("generate-completion").ok().out();
            assertEquals(Files.readString(REPO.resolve(GeneratedFiles.COMPLETION)), printed, HOW);
        }
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        assertEquals(Set.of("see-domains"), bashCompletes("see-d"));
        assertTrue(bashCompletes("policy", "").containsAll(Set.of("set", "list", "show", "move", "delete")));
        assertTrue(bashCompletes("see-domains", "threatq", "--se").contains("--search"));
        assertEquals(Set.of("table", "json", "csv"), bashCompletes("integrations", "-o", ""));
    }

    /** Words typed after `parasol`, the last one being completed, as bash's programmable completion sees them. */
    private static Set<String> bashCompletes(String... words) throws Exception {
        String script = "source " + REPO.resolve(GeneratedFiles.COMPLETION).toAbsolutePath() + "\n"
                + "COMP_WORDS=(parasol " + String.join(" ", List.of(words).stream().map(w -> "'" + w + "'").toList()) + ")\n"
                + "COMP_CWORD=" + words.length + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_parasol parasol\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyCommandsHelpEndsWithAnExample() {
        List<String> missing = new ArrayList<>();
        walk(GeneratedFiles.model(), missing);
        assertTrue(missing.isEmpty(), "no 'Example' in the --help footer of: " + missing);
    }

    private static void walk(CommandLine command, List<String> missing) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        boolean leaf = command.getSubcommands().isEmpty();
        if (leaf && !usage.hidden() && !String.join("\n", usage.footer()).contains("Example")) {
            missing.add(command.getCommandSpec().qualifiedName());
        }
        command.getSubcommands().values().forEach(sub -> walk(sub, missing));
    }
}
