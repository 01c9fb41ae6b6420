package dev.metarec.eval.report;

import dev.metarec.eval.method.Progress;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar with ETA, redrawn in place (carriage return) at most every 250 ms:
 * {@code MAML seed 3 [########............] 40% 400/1000 ETA 0:42 | loss 0.912}. Time comes from the
 * given nano clock, so tests control it.
 */
public final class ProgressBar implements Progress {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final String prefix;
    private String label = "";
    private long total = 1;
    private long startNanos;
    private long lastDraw = Long.MIN_VALUE;
    private String lastLine = "";

    public ProgressBar(PrintStream out, LongSupplier nanoClock, String prefix) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.prefix = prefix;
    }

    public static ProgressBar stderr(String prefix) { return new ProgressBar(System.err, System::nanoTime, prefix); }

    /** A bar with the same stream and clock and another prefix (e.g. the current seed). */
    public ProgressBar withPrefix(String p) { return new ProgressBar(out, nanoClock, p); }

    @Override public void start(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        this.startNanos = nanoClock.getAsLong();
        this.lastDraw = Long.MIN_VALUE;
        draw(0, "");
    }

    @Override public void advance(long done, String detail) {
        long now = nanoClock.getAsLong();
        if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < 250_000_000L) return;
        lastDraw = now;
        draw(done, detail);
    }

    @Override public void finish() {
        out.print("\r" + lastLine + "\n");
        out.flush();
    }

    /** The line as drawn (for tests). */
    public String lastLine() { return lastLine; }

    private void draw(long done, String detail) {
        double fraction = Math.min(1.0, done / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        long elapsed = nanoClock.getAsLong() - startNanos;
        String eta = done == 0 ? "--:--" : clock((long) (elapsed / 1e9 * (total - done) / done));
        String line = String.format("%s%s [%s%s] %3d%% %d/%d ETA %s%s", prefix.isEmpty() ? "" : prefix + " ", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, eta,
                detail == null || detail.isEmpty() ? "" : " | " + detail);
        int pad = Math.max(0, lastLine.length() - line.length());
        lastLine = line;
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
