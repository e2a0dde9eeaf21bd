package dev.parasol.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the command that makes a resolver pick up new files ("rndc reload", "unbound-control
 * reload"), through /bin/sh as cron would. Its output goes to {@code output} line by line; a
 * command that hangs is killed after the timeout so a cron job cannot pile up.
 */
public final class ReloadCommand {
    /** How the command ended: exit status, or -1 after the timeout. */
    public record Result(int exitStatus, boolean timedOut) {
        public boolean ok() {
            return exitStatus == 0 && !timedOut;
        }
    }

    private ReloadCommand() {
    }

    public static Result run(String command, Duration timeout, Consumer<String> output) throws IOException {
        Process p = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.accept(line);
                }
            } catch (IOException ignored) {
                // The process was killed or closed its output: nothing more to relay.
            }
        }, "reload-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, true);
            }
            pump.join(1000);
            return new Result(p.exitValue(), false);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the reload command", e);
        }
    }
}
