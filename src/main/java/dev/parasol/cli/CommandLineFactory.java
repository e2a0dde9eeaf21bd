package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The one place a CommandLine is built: main, the shell and every test go through here, so
 * they share the same error handling, exit codes and writers.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /** The whole command tree: for help, completion, the man pages and the shell's completer. */
    public static CommandLine create(Context context, PrintWriter out, PrintWriter err) {
        return build(context, out, err, List.copyOf(ParasolCommand.SUBCOMMANDS.values()));
    }

    /**
     * A command line for running {@code args} once, holding only what they can reach: the
     * top-level command they name (with all of its own subcommands), or nothing below the root
     * for a bare --version. Anything else (--help, no command, an unknown one, an @argfile)
     * gets the whole tree, so help, "did you mean" suggestions and errors are the same.
     */
    public static CommandLine createFor(Context context, PrintWriter out, PrintWriter err, String... args) {
        return build(context, out, err, reachable(args));
    }

    static List<Class<?>> reachable(String[] args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--home") || arg.equals("--db")) {
                i++; // the option's value, whatever it looks like
            } else if (arg.equals("-V") || arg.equals("--version")) {
                version = true;
            } else if (arg.equals("--verbose") || arg.startsWith("--home=") || arg.startsWith("--db=")) {
                continue;
            } else {
                Class<?> named = ParasolCommand.SUBCOMMANDS.get(arg);
                return named != null ? List.of(named) : List.copyOf(ParasolCommand.SUBCOMMANDS.values());
            }
        }
        return version ? List.of() : List.copyOf(ParasolCommand.SUBCOMMANDS.values());
    }

    private static CommandLine build(Context context, PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        ParasolCommand root = new ParasolCommand(context);
        CommandLine cli = new CommandLine(root);
        // before the settings below: picocli applies them to the subcommands present at the time
        for (Class<?> subcommand : subcommands) {
            cli.addSubcommand(subcommand);
        }
        cli.setOut(out);
        cli.setErr(err);
        context.setDiagnostics(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine, root));
        cli.setParameterExceptionHandler(CommandLineFactory::usageError);
        cli.setExitCodeExceptionMapper(e -> e instanceof ParasolException p ? p.exitCode().code() : ExitCode.FAILURE.code());
        return cli;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("parasol: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int handle(Exception e, CommandLine commandLine, ParasolCommand root) {
        PrintWriter err = commandLine.getErr();
        commandLine.getOut().flush();
        int code;
        if (e instanceof ParasolException p) {
            err.println("parasol: " + p.getMessage());
            code = p.exitCode().code();
            if (root.verbose() && p.getCause() != null) {
                err.println(stackTrace(p.getCause()));
            }
        } else if (e instanceof UncheckedIOException io) {
            err.println("parasol: I/O error: " + io.getCause().getMessage());
            code = ExitCode.FAILURE.code();
        } else {
            err.println("parasol: unexpected failure: " + e + (root.verbose() ? "" : " (run with --verbose for details)"));
            if (root.verbose()) {
                err.println(stackTrace(e));
            }
            code = ExitCode.FAILURE.code();
        }
        err.flush();
        return code;
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString().stripTrailing();
    }
}
