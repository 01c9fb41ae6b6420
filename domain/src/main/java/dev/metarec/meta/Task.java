package dev.metarec.meta;

/** A user task for meta-learning: adapt on {@code support}, measure on {@code query}. */
public record Task<B>(String userId, B support, B query) {}
