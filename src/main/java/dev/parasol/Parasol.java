package dev.parasol;

import dev.parasol.cli.CommandLineFactory;
import dev.parasol.cli.Context;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Entry point: builds the command line, runs it, exits with its code. Nothing else exits. */
public final class Parasol {
    private Parasol() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try (Context context = new Context(System.getenv(), Clock.systemUTC(), "cli")) {
            context.markOneShot();
            context.nameProcess(args);
            code = CommandLineFactory.createFor(context, out, err, args).execute(args);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }
}
