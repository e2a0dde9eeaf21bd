package dev.parasol.cli;

import dev.parasol.intake.ImportListener;
import dev.parasol.intake.Rejection;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What an import shows on stderr while it runs, for indicator and activity imports alike: a
 * progress bar when stderr is a terminal, the first N rejections as they come, and at the end
 * how many more there were. Nothing at all under --quiet.
 */
public final class ImportProgress implements ImportListener, AutoCloseable {
    private final PrintWriter err;
    private final String sourceName;
    private final boolean quiet;
    private final long maxShown;
    private final String rejectedNoun;
    private final String moreHint;
    private final ProgressBar bar;
    private final Cancellation cancellation;
    private long rejections;

    /**
     * @param size the input's size in bytes, or -1 when unknown (stdin)
     * @param rejectedNoun what a rejection is, for the closing count ("value(s)", "line(s)")
     * @param moreHint appended to that count: where to see the rest ("" for nothing)
     */
    public ImportProgress(Context ctx, PrintWriter err, String task, String sourceName, long size, boolean quiet, long maxShown,
                          String rejectedNoun, String moreHint) {
        this.err = err;
        this.cancellation = ctx.cancellation();
        this.sourceName = sourceName;
        this.quiet = quiet;
        this.maxShown = maxShown;
        this.rejectedNoun = rejectedNoun;
        this.moreHint = moreHint;
        this.bar = quiet || !ctx.stderrIsTerminal() ? null : new ProgressBarBuilder()
                .setTaskName(task).setInitialMax(size > 0 ? size : -1).setUnit(" MiB", 1 << 20)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK) // no colour codes, so NO_COLOR and logs stay clean
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                })).build();
    }

    @Override
    public void rejected(Rejection r) {
        if (!quiet && rejections++ < maxShown) {
            err.println((bar != null ? "\r" : "") + "parasol: " + r.describe());
        }
    }

    @Override
    public void warning(String message) {
        if (!quiet) {
            err.println("parasol: warning: " + sourceName + ": " + message);
        }
    }

    @Override
    public void progress(long bytes) {
        cancellation.throwIfRequested();
        if (bar != null) {
            bar.stepTo(bytes);
        }
    }

    @Override
    public void checkpoint() {
        cancellation.throwIfRequested();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
        }
        if (!quiet && rejections > maxShown) {
            err.println("parasol: ... " + (rejections - maxShown) + " more rejected " + rejectedNoun + " not shown" + moreHint);
        }
    }
}
