package dev.metarec.meta;

/**
 * What one outer step did, for progress bars and learning curves.
 *
 * @param step         the number of outer steps taken so far (1 after the first)
 * @param tasks        tasks in this meta-batch
 * @param queryLoss    mean query loss after adaptation (the meta-training loss), before this update
 * @param supportLoss  mean support loss before adaptation
 * @param gradientNorm L2 norm of the mean meta-gradient before clipping
 * @param clipped      whether the meta-gradient was rescaled to the configured clip norm
 */
public record StepReport(long step, int tasks, double queryLoss, double supportLoss, double gradientNorm, boolean clipped) {}
