package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.service.Actor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command shares: its context, its out/err writers and an exit code. */
@Command(mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    protected Context ctx() {
        return ((ParasolCommand) spec.root().userObject()).context();
    }

    protected Actor actor(ActorOptions options) {
        return ctx().actor(options.as());
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        ExitCode code = run();
        out().flush();
        err().flush();
        return code.code();
    }

    protected abstract ExitCode run() throws Exception;
}
