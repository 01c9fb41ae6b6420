/**
 * The preference network and its parameters.
 *
 * <p>Sign convention, stated once for the whole code base: a gradient is d(loss)/d(theta), and
 * optimisers subtract it. Parameters live in one flat {@code double[]} described by a
 * {@link dev.metarec.nn.ParamLayout}; the per-user adapted ("fast") weights are a separate vector
 * described by a {@link dev.metarec.nn.FastLayout}, so meta-parameters are never mutated by adaptation.
 */
package dev.metarec.nn;
