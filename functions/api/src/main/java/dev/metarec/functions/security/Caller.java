package dev.metarec.functions.security;

/** Who is calling: the JWT {@code sub} (null when authorization is off) and whether they hold the admin scope. */
public record Caller(String subject, boolean admin) {
    /** Authorization disabled (local development): may do anything. */
    public static final Caller DEVELOPER = new Caller(null, true);

    /** Throws {@link ForbiddenException} unless the caller is {@code userId} or an admin. */
    public void requireSelfOrAdmin(String userId, String what) {
        if (admin || (subject != null && subject.equals(userId))) return;
        throw new ForbiddenException("caller may " + what + " only their own user (token sub), not another user; the admin scope allows any user");
    }

    public void requireAdmin(String what) {
        if (!admin) throw new ForbiddenException(what + " needs the admin scope");
    }
}
