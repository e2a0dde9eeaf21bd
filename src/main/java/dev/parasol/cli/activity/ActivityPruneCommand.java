package dev.parasol.cli.activity;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.report.RetentionPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune",
        description = {"Delete activity older than an age. Without --older-than, the 'activity-retention' setting",
                "applies (default " + RetentionPeriod.DEFAULT + "; change it with 'parasol config set activity-retention 30d')."},
        footer = {"", "Examples:", "  parasol activity prune --older-than 30d", "  parasol activity prune    # from cron, with the configured retention"})
public final class ActivityPruneCommand extends BaseCommand {
    @Option(names = "--older-than", paramLabel = "AGE", description = "48h, 30d, 12w, ...")
    String olderThan;

    @Override
    protected ExitCode run() {
        String age = olderThan != null ? olderThan : ctx().config().get(RetentionPeriod.SETTING).value();
        long deleted = ctx().activity().prune(RetentionPeriod.parse(age));
        err().println(deleted + " activity record(s) older than " + age + " deleted");
        return ExitCode.OK;
    }
}
