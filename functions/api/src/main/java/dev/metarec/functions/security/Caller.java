package dev.metarec.functions.security;

/** Who is calling: the JWT {@code sub} (null when authorization is off) and whether they are an admin (scope and admin client). */
public record Caller(String subject, boolean admin) {
    /** Authorization disabled (local development): may do anything. */
    public static final Caller DEVELOPER = new Caller(null, true);

    /** Throws {@link ForbiddenException} unless the caller is {@code userId} or an admin. */
    public void requireSelfOrAdmin(String userId, String what) {
        if (admin || (subject != null && subject.equals(userId))) return;
        throw new ForbiddenException("caller may " + what + " only their own user (token sub), not another user; an admin token (admin scope from an admin client) may act for any user");
    }

    public void requireAdmin(String what) {
        if (!admin) throw new ForbiddenException(what + " needs an admin token: the admin scope, issued to an admin client");
    }
}
