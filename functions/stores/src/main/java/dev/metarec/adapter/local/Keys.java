package dev.metarec.adapter.local;

/** Composite keys for the local store's ordered maps: {@code user + '\u0000' + rest}, so one user's keys are contiguous. */
final class Keys {
    static final char SEP = '\u0000';

    private Keys() {}

    static String requireId(String field, String id) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException(field + " must not be empty");
        if (id.indexOf(SEP) >= 0) throw new IllegalArgumentException(field + " must not contain a NUL character");
        return id;
    }

    static String compose(String user, String rest) { return requireId("userId", user) + SEP + requireId("id", rest); }

    /** The first key of {@code user}'s range. */
    static String from(String user) { return requireId("userId", user) + SEP; }

    /** The first key after {@code user}'s range. */
    static String to(String user) { return user + (char) (SEP + 1); }
}
