/**
 * Optimisers: stateless step functions from (parameters, gradient, optimiser state) to new parameters.
 * Gradients are d(loss)/d(theta) and optimisers subtract them. Only the rows a
 * {@link dev.metarec.nn.Gradient} touched are read and updated, so a step over a batch that touched 50
 * embedding rows costs 50 rows plus the dense groups (plus one copy of the parameter vector, since
 * {@link dev.metarec.nn.Params} are values).
 */
package dev.metarec.optim;
