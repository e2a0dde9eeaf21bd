package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import java.io.BufferedInputStream;
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
            return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
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
