/**
 * Few-shot adaptation and meta-training. A {@link dev.metarec.meta.TaskModel} exposes a loss over a
 * batch as a function of the meta-parameters and the fast weights, its gradient and its
 * Hessian-vector products; the learners (inner loop, MAML, first-order MAML, Reptile, Meta-SGD) are
 * written against that interface only.
 */
package dev.metarec.meta;
