package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a FILE argument, where '-' means standard input. */
public final class Inputs {
    private Inputs() {
    }

    public static InputStream open(Context ctx, String source) {
        if ("-".equals(source)) {
            return ctx.stdin();
        }
        Path path = Path.of(source);
        try {
            if (Files.isDirectory(path)) {
                throw ParasolException.usage(source + ": is a directory");
            }
            if (!Files.exists(path)) {
                throw new NoSuchFileException(source);
            }
            // FileInputStream, not Files.newInputStream: the JDK 17 channel stream's available()
            // seeks, which fails on a pipe ('Illegal seek'), and pipes are how `<(zcat feed.gz)` arrives
            return new BufferedInputStream(new FileInputStream(path.toFile()), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new ParasolException(ExitCode.NOT_FOUND, source + ": no such file");
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, source + ": cannot read: " + e.getMessage());
        }
    }

    /** How a source is named in messages. */
    public static String displayName(String source) {
        return "-".equals(source) ? "<stdin>" : source;
    }
}
