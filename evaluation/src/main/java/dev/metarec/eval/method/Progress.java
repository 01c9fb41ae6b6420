package dev.metarec.eval.method;

/** Progress of a long-running training, e.g. a progress bar on stderr. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override public void start(String label, long total) {}
        @Override public void advance(long done, String detail) {}
        @Override public void finish() {}
    };

    void start(String label, long total);

    /** {@code done} units out of the started total; {@code detail} e.g. the current loss. */
    void advance(long done, String detail);

    void finish();
}
