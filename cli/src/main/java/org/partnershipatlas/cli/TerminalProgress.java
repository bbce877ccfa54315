package org.partnershipatlas.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.partnershipatlas.loaders.LoadProgress;

/**
 * A progress bar on the terminal for a long load (me.tongfei's progressbar): megabytes of the sources read, with
 * records, triples and triples per second, elapsed time and ETA; then a line per later step. Used only when the
 * output is a terminal ({@link #forConsole}); otherwise the counters go to the log ({@link LoadProgress#toLog()}).
 */
final class TerminalProgress implements LoadProgress {
    private final PrintStream out;
    private ProgressBar bar;
    private long started;

    private TerminalProgress(PrintStream out) {
        this.out = out;
    }

    /** A progress bar if standard error is a terminal, otherwise the counters to the log. */
    static LoadProgress forConsole() {
        return System.console() != null ? new TerminalProgress(System.err) : LoadProgress.toLog();
    }

    @Override
    public void reading(long totalBytes) {
        started = System.nanoTime();
        bar = new ProgressBarBuilder()
                .setTaskName("Reading")
                .setInitialMax(Math.max(1, totalBytes))
                .setUnit(" MB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void read(long bytes, long records, long triples) {
        if (bar == null) {
            return;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        bar.stepTo(bytes);
        bar.setExtraMessage(String.format(
                Locale.ROOT, "%,d records, %,d triples, %,.0f triples/s", records, triples, triples / seconds));
    }

    @Override
    public void step(String description) {
        closeBar();
        out.println(description + " ...");
    }

    @Override
    public void finished() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
