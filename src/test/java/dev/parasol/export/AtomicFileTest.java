package dev.parasol.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private static AtomicFile.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesReadableFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/zone.rpz");
        assertEquals(AtomicFile.Outcome.CHANGED, AtomicFile.write(target, false, text("one\n")));
        assertEquals("one\n", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void ifChangedLeavesAnIdenticalFileUntouched() throws IOException {
        Path target = dir.resolve("hosts");
        AtomicFile.write(target, false, text("same\n"));
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - Duration.ofHours(1).toMillis());
        Files.setLastModifiedTime(target, old);
        assertEquals(AtomicFile.Outcome.UNCHANGED_KEPT, AtomicFile.write(target, true, text("same\n")));
        assertEquals(old, Files.getLastModifiedTime(target));
        assertEquals(AtomicFile.Outcome.UNCHANGED_REWRITTEN, AtomicFile.write(target, false, text("same\n")));
        assertEquals(AtomicFile.Outcome.CHANGED, AtomicFile.write(target, true, text("new\n")));
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void replacingKeepsTheExistingPermissions() throws IOException {
        Path target = dir.resolve("zone");
        AtomicFile.write(target, false, text("a"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(target, false, text("b"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("zone");
        AtomicFile.write(target, false, text("old\n"));
        assertThrows(IOException.class, () -> AtomicFile.write(target, false, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void reloadCommandRelaysOutputAndReportsItsStatus() throws IOException {
        List<String> lines = new ArrayList<>();
        ReloadCommand.Result ok = ReloadCommand.run("echo reloading; echo to-stderr >&2", Duration.ofSeconds(30), lines::add);
        assertEquals(0, ok.exitStatus());
        assertEquals(List.of("reloading", "to-stderr"), lines);
        assertEquals(3, ReloadCommand.run("exit 3", Duration.ofSeconds(30), l -> { }).exitStatus());
        ReloadCommand.Result hung = ReloadCommand.run("sleep 30", Duration.ofMillis(200), l -> { });
        assertEquals(true, hung.timedOut());
    }
}
