package dev.parasol.service;

import dev.parasol.store.StoreStamp;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The decision cache's background builder: a separate JVM a check starts when it found the cache
 * stale, so that check is not kept waiting. One builder per home is pending at a time (it holds
 * {@value #LOCK} from start to exit; a check that finds it held starts none). It builds once the
 * store has been closed and unchanged for {@link #QUIET}: while commands keep changing the store
 * (a burst of imports, an admin at work) it stays out of their way instead of competing with each
 * one for the CPU, and the file it writes then describes the store as they left it.
 */
public final class DecisionCacheBuilder {
    /** Held by the pending builder. */
    static final String LOCK = "decisions.cache.builder.lock";
    static final Duration QUIET = Duration.ofSeconds(2);
    /** A builder that never sees a quiet moment (a process keeps the store open) gives up. */
    static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 100;
    private static final String SHELL = "/bin/sh";
    /** Runs "$@" in the background at a lower priority (when nice exists) and returns at once. */
    private static final String DETACH = "if command -v nice >/dev/null 2>&1; then nice -n 10 \"$@\" & else \"$@\" & fi";

    private DecisionCacheBuilder() {
    }

    /**
     * Starts a builder unless one is pending already. It is started through a shell that
     * backgrounds it and exits at once: a JVM whose own child is still running spends 300 ms in
     * exit (HotSpot waits for the thread blocked in waitpid), and the check would pay that. It
     * runs niced, so the commands started meanwhile get the CPU first.
     */
    public static void startInBackground(Path home) {
        if (pending(home)) {
            return;
        }
        try {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> builder = List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:disable",
                    "-cp", System.getProperty("java.class.path"), DecisionCacheBuilder.class.getName(),
                    home.toAbsolutePath().toString(), Long.toString(ProcessHandle.current().pid()));
            boolean shell = Files.isExecutable(Path.of(SHELL));
            List<String> command = new ArrayList<>();
            if (shell) {
                command.addAll(List.of(SHELL, "-c", DETACH, "parasol-cache-builder"));
            }
            command.addAll(builder);
            Process started = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (shell) {
                started.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            // Only a cache: the next check answers from the store and tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a builder holds the lock (an unreadable lock file counts as none). */
    static boolean pending(Path home) {
        try (FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock free = channel.tryLock()) {
            return free == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** HOME PARENT_PID: waits for the check that started it to exit, then for a quiet store. */
    public static void main(String[] args) {
        if (args.length == 2) {
            Path home = Path.of(args[0]);
            try (FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.tryLock()) {
                if (held != null) {
                    ProcessHandle.of(Long.parseLong(args[1])).ifPresent(parent -> parent.onExit().join());
                    buildWhenQuiet(home);
                }
            } catch (IOException | RuntimeException e) {
                // Only a cache: the next check answers from the store and starts another builder.
            }
        }
        System.exit(0);
    }

    /**
     * Builds the cache once the store has been closed and unchanged for {@link #QUIET}, and again
     * when it changed during the build, until the cache describes the store or {@link #PATIENCE}
     * has passed.
     */
    static void buildWhenQuiet(Path home) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Optional<StoreStamp> seen = Optional.empty();
        long seenSince = 0;
        while (System.nanoTime() < deadline) {
            Optional<StoreStamp> now = StoreStamp.ofClosedStore(home);
            if (now.isEmpty() || !now.equals(seen)) {
                seen = now;
                seenSince = System.nanoTime();
            } else if (System.nanoTime() - seenSince >= QUIET.toNanos()) {
                if (DecisionCache.open(home).engine().isPresent() || DecisionCache.build(home)) {
                    return;
                }
                seen = Optional.empty();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
