package dev.parasol.export;

import java.io.Writer;
import java.nio.file.Path;

/** Where an export goes: standard output, one file, or (for zones) a directory of files. */
public sealed interface ExportTarget {
    /** Printed, for reading or a shell redirect; nothing is compared or replaced. */
    record Stream(Writer out) implements ExportTarget {
    }

    /** One file, replaced atomically; with {@code ifChanged} left alone when the content is the same. */
    record File(Path path, boolean ifChanged) implements ExportTarget {
    }

    /** A directory receiving one file per zone, each replaced atomically. */
    record Directory(Path path, boolean ifChanged) implements ExportTarget {
    }
}
