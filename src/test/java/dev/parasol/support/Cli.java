package dev.parasol.support;

import dev.parasol.cli.CommandLineFactory;
import dev.parasol.cli.Context;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Runs Parasol commands in-process the way main does, through the shared factory, against a
 * real H2 store in a temp home (a PostgreSQL schema of its own under
 * {@code -Dparasol.test.engine=postgresql}). One context (and so one open store) across runs, as in the
 * shell; a fresh CommandLine per run.
 */
public final class Cli implements AutoCloseable {
    private final Context context;

    public Cli(Path home) {
        this(home, Clock.systemUTC());
    }

    public Cli(Path home, Clock clock) {
        this(home, clock, Map.of());
    }

    /** With {@code env} added to the environment the commands see. */
    public Cli(Path home, Clock clock, Map<String, String> env) {
        this.context = new Context(environment(home, env), clock, "cli");
    }

    /**
     * The environment of a test's commands: {@code home} as PARASOL_HOME, alice as the admin, and
     * under {@code -Dparasol.test.engine=postgresql} a PostgreSQL store standing for that home.
     */
    public static Map<String, String> environment(Path home, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PARASOL_HOME", home.toString());
        all.putIfAbsent("PARASOL_USER", "alice");
        if (Postgres.selected() && !all.containsKey("PARASOL_DB")) {
            all.put("PARASOL_DB", Postgres.server().storeUrlFor(home));
        }
        return all;
    }

    public CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLineFactory.createFor(context, new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new CommandResult(code, out.toString(), err.toString());
    }

    /** Runs with {@code stdin} as standard input (for '-' arguments). */
    public CommandResult runWithInput(String stdin, String... args) {
        context.setStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return run(args);
    }

    public Context context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
