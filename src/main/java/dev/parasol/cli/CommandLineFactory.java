package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The one place a CommandLine is built: main, the shell and every test go through here, so
 * they share the same error handling, exit codes and writers.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(Context context, PrintWriter out, PrintWriter err) {
        ParasolCommand root = new ParasolCommand(context);
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
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
