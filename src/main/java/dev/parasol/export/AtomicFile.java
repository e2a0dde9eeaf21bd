package dev.parasol.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a reader (a resolver reloading, a cron job racing another) sees either
 * the old content or the new, never a half-written file: the new content goes to a temporary
 * file in the same directory, is synced, then renamed over the old one.
 */
public final class AtomicFile {
    /** What happened to the target. */
    public enum Outcome { CHANGED, UNCHANGED_REWRITTEN, UNCHANGED_KEPT }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /** Writes {@code content} to {@code target}; with {@code ifChanged}, an identical file is left alone. */
    public static Outcome write(Path target, boolean ifChanged, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            boolean exists = Files.isRegularFile(target);
            boolean same = exists && Files.mismatch(temp, target) == -1;
            if (same && ifChanged) {
                return Outcome.UNCHANGED_KEPT;
            }
            // Temp files are created owner-only; resolvers run as their own user and must read the result.
            setPermissions(temp, exists ? Files.getPosixFilePermissions(target) : READABLE);
            move(temp, target);
            return same ? Outcome.UNCHANGED_REWRITTEN : Outcome.CHANGED;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically: " + e.getMessage(), e);
        }
    }
}
