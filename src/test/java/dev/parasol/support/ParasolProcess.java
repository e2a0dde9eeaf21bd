package dev.parasol.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the packaged program (target/parasol.jar, built by `package`) as a separate process. */
public final class ParasolProcess {
    private final Path home;
    private final java.util.Map<String, String> env;

    public ParasolProcess(Path home) {
        this(home, java.util.Map.of());
    }

    /** With {@code env} added to the environment of every process (PARASOL_DB, say). */
    public ParasolProcess(Path home, java.util.Map<String, String> env) {
        this.home = home;
        this.env = java.util.Map.copyOf(env);
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("parasol.jar", "target/parasol.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged program missing: " + jar + " (run mvn verify)");
        return jar;
    }

    /**
     * Waits for the background decision-cache builders a check started for {@code home} (they
     * outlive the check that started them, and are found by their command line).
     */
    public static void awaitDecisionCacheBuilders(Path home) throws Exception {
        String builderClass = "dev.parasol.service.DecisionCache";
        List<ProcessHandle> builders = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(builderClass)
                        && p.info().commandLine().orElse("").contains(home.toAbsolutePath().toString()))
                .toList();
        for (ProcessHandle builder : builders) {
            builder.onExit().get(2, TimeUnit.MINUTES);
        }
    }

    public Process start(String stdin, String... args) throws IOException {
        Process p = builder(args).start();
        if (stdin == null) {
            p.getOutputStream().close();
            return p;
        }
        // Written from its own thread: a long script fills the stdin pipe while the program's
        // answers fill stdout, and a writer that waited for stdin to drain before anyone read
        // stdout deadlocked both (ConcurrencyIT with 10,000 shell lines).
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The program exited before reading all of it; its exit code and output tell why.
            }
        }, "stdin-feeder");
        feeder.setDaemon(true);
        feeder.start();
        return p;
    }

    /** Starts the program with its standard input left open, for the caller to write to (a shell kept running). */
    public Process startWithOpenInput(String... args) throws IOException {
        return builder(args).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PARASOL_HOME", home.toString());
        pb.environment().put("PARASOL_USER", "e2e-admin");
        // A check that finds the decision cache stale builds it before it exits, not in a
        // background JVM that would outlive the test and its temp home.
        pb.environment().put("PARASOL_DECISION_CACHE", "inline");
        pb.environment().putAll(env);
        return pb;
    }

    public CommandResult run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    public CommandResult runWithInput(String stdin, String... args) throws Exception {
        return await(start(stdin, args));
    }

    public static CommandResult await(Process p) throws Exception {
        CompletableFuture<String> out = readAll(p.getInputStream());
        CompletableFuture<String> err = readAll(p.getErrorStream());
        // A bound on a hung process, not a timing assert; the 1M-name trials (-Ptrials) raise it.
        int limit = Integer.getInteger("parasol.processTimeoutSeconds", 120);
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("parasol did not finish within " + limit + " s");
        }
        return new CommandResult(p.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * The port a `parasol serve --port 0` process announced on stderr; the rest of its stderr
     * (the access log) is read on so that the pipe never fills and blocks the receiver.
     */
    public static int receiverPort(Process serve) throws IOException {
        BufferedReader err = new BufferedReader(
                new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("receiving on http://127\\.0\\.0\\.1:(\\d+)/");
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // the access log
                        }
                    } catch (IOException ignored) {
                        // serve stopped or was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve did not announce its port");
    }
}
