package dev.metarec.model;

/** What a user did with an item. Ratings carry a value; the implicit types may carry a strength. */
public enum EventType { VIEW, CLICK, PURCHASE, RATING }
