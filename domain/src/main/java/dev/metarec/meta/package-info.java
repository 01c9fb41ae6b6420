/**
 * Few-shot adaptation and meta-training. A {@link dev.metarec.meta.TaskModel} exposes a loss over a
 * batch as a function of the meta-parameters and the fast weights, its gradient and its
 * Hessian-vector products; the learners are written against that interface only:
 * <ul>
 *   <li>{@link dev.metarec.meta.InnerLoop}: k SGD steps on a user's support batch with per-group rates
 *       (serving-time adaptation and the inner loop of every learner);</li>
 *   <li>{@link dev.metarec.meta.TaskGradient}: one task's meta-gradient for MAML (exact second order),
 *       first-order MAML, Reptile and Meta-SGD ({@link dev.metarec.meta.Learner});</li>
 *   <li>{@link dev.metarec.meta.MetaTrainer}: Adam over meta-batches, deterministic under a seed and
 *       independent of the thread count, resumable from a {@link dev.metarec.meta.MetaTrainState}.</li>
 * </ul>
 * Gradients are d(loss)/d(theta) and optimisers subtract them. NaN or infinity anywhere stops the work
 * with a {@link dev.metarec.nn.NonFiniteException} naming the step and the parameter group.
 */
package dev.metarec.meta;
