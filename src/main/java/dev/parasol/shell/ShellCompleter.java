package dev.parasol.shell;

import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * Commands, options and enum values from the picocli model (the same model the bash script is
 * generated from), plus the names of integrations, lists, policies, identities and security
 * settings as they are in the store at the moment TAB is pressed.
 */
final class ShellCompleter implements Completer {
    private final CommandSpec root;
    private final PicocliJLineCompleter model;
    private final LiveNames live;

    ShellCompleter(CommandLine commandLine, LiveNames live) {
        this.root = commandLine.getCommandSpec();
        this.model = new PicocliJLineCompleter(root);
        this.live = live;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        model.complete(reader, line, candidates);
        if (line.wordIndex() == 0) {
            candidates.removeIf(c -> ParasolShell.NOT_IN_SHELL.contains(c.value()));
            for (String builtin : ParasolShell.BUILTINS) {
                candidates.add(new Candidate(builtin));
            }
            return;
        }
        argumentAt(line.words(), line.wordIndex()).flatMap(LiveNames::kindOf).ifPresent(kind -> {
            try {
                for (String name : live.names(kind)) {
                    candidates.add(new Candidate(name, name, kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), null, null, null, true));
                }
            } catch (RuntimeException e) {
                // A store that cannot be read (locked by a running import, say) offers no names;
                // the line being typed must survive, and running it will report the problem.
            }
        });
    }

    /** The option or positional parameter that the word at {@code index} is a value of. */
    Optional<ArgSpec> argumentAt(List<String> words, int index) {
        CommandSpec command = root;
        int positional = 0;
        OptionSpec awaitingValue = null;
        for (int i = 0; i < index; i++) {
            String word = words.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (positional == 0 && command.subcommands().containsKey(word)) {
                command = command.subcommands().get(word).getCommandSpec();
            } else if (word.startsWith("-") && word.length() > 1) {
                OptionSpec option = command.findOption(word);
                if (option != null && option.arity().max() > 0) {
                    awaitingValue = option;
                }
            } else {
                positional++;
            }
        }
        if (awaitingValue != null) {
            return Optional.of(awaitingValue);
        }
        if (index < words.size() && words.get(index).startsWith("-")) {
            return Optional.empty();
        }
        int at = positional;
        return command.positionalParameters().stream().filter(p -> p.index().contains(at)).map(p -> (ArgSpec) p).findFirst();
    }
}
