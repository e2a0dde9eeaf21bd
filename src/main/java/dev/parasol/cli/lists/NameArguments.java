package dev.parasol.cli.lists;

import dev.parasol.ParasolException;
import dev.parasol.cli.Context;
import dev.parasol.cli.Inputs;
import dev.parasol.intake.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** `--file`: domain names read from a file or stdin, one a line, in addition to those given as arguments. */
public final class NameArguments {
    @Option(names = "--file", paramLabel = "FILE", description = "Also read names from FILE, one a line ('-' for standard input).")
    String file;

    List<String> collect(Context ctx, List<String> arguments) {
        List<String> all = new ArrayList<>(arguments == null ? List.of() : arguments);
        if (file != null) {
            try (InputStream in = Inputs.open(ctx, file);
                 BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String value = line.strip();
                    if (!value.isEmpty() && !value.startsWith("#")) {
                        all.add(value);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (all.isEmpty()) {
            throw ParasolException.usage("give at least one DOMAIN or --file");
        }
        return all;
    }
}
