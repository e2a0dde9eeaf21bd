package dev.parasol.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parasol.ExitCode;
import dev.parasol.cli.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The shell on a terminal with a line discipline (echo, Ctrl-C as SIGINT), typed into the way a
 * person does: keys after the prompt is on the screen. Waits poll the screen with a deadline.
 */
final class TerminalSession implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final OutputStream keyboard;
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final CompletableFuture<ExitCode> shell;
    private int prompts;

    TerminalSession(Context context) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        keyboard = new PipedOutputStream(in);
        terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
        shell = CompletableFuture.supplyAsync(() -> new ParasolShell(context, terminal).run());
        awaitPrompt();
    }

    /** Types {@code keys}; a line ending in Enter waits until the command finished and the shell asks again. */
    TerminalSession type(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (keys.endsWith("\n") || keys.endsWith("\u0003")) {
            awaitPrompt();
        }
        return this;
    }

    /** Types {@code keys} and returns at once: for keys that reach a command while it runs. */
    TerminalSession send(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the shell asks again after a line typed with {@link #send}. */
    TerminalSession awaitNextPrompt() {
        awaitPrompt();
        return this;
    }

    /** Waits until {@code text} is on the screen, colours and cursor moves aside (typed keys are echoed there too). */
    TerminalSession await(String text) {
        awaitScreen(() -> plain(screen.text()).contains(text), "'" + text + "'");
        return this;
    }

    /** The text without terminal escape sequences. */
    static String plain(String screen) {
        return screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>]", "");
    }

    String screen() {
        return screen.text();
    }

    /** Types Ctrl-D and waits for the shell to end; returns the screen. */
    String leave(String keys) throws Exception {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertEquals(ExitCode.OK, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), this::screen);
        return screen();
    }

    private void awaitPrompt() {
        int wanted = ++prompts;
        awaitScreen(() -> screen.count(ParasolShell.PROMPT) >= wanted, "prompt #" + wanted);
    }

    private void awaitScreen(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        synchronized (screen) {
            while (!condition.getAsBoolean()) {
                if (shell.isDone() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("waited for " + what + " on the screen"
                            + (shell.isDone() ? " but the shell ended" : "") + ":\n" + screen.text());
                }
                try {
                    screen.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        terminal.close();
    }

    /** What the shell wrote; waiters are woken on every write. */
    private static final class Screen extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        int count(String s) {
            String t = text();
            int n = 0;
            for (int i = t.indexOf(s); i >= 0; i = t.indexOf(s, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
