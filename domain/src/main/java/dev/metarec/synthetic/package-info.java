/**
 * A seeded synthetic world with known ground truth, for tests and drift experiments: items with a
 * multi-valued {@code genre}, a categorical {@code brand} and a numeric {@code price}; users from taste
 * segments (their {@code age} attribute is correlated with the segment, {@code country} is noise);
 * interactions chosen from slates by the user's true utility, each a CLICK and a RATING event; new
 * items released over time; and users whose taste changes at a known interaction index.
 *
 * <p>Everything is a pure function of {@link dev.metarec.synthetic.SyntheticConfig} and the seed.
 */
package dev.metarec.synthetic;
