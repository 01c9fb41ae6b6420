package dev.metarec.service;

/** A validated request about one user (adapt, erase). */
public record UserCommand(String userId) {
    public static UserCommand of(String userId, Limits limits) { return new UserCommand(new Validation(limits).id("userId", userId)); }
}
