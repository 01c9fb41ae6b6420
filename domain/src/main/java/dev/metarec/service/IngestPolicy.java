package dev.metarec.service;

/**
 * What one user may send and move.
 *
 * @param maxEventsPerUserPerDay events a user may ingest per UTC day (0 = no quota); a batch that would pass it is
 *                               refused whole with {@link QuotaExceededException} before anything is written. Callers
 *                               with an admin token (bulk imports) are not counted.
 * @param maxResidual            bound on the |residual| one user's contribution adds to an item's statistics, so one
 *                               account moves an item's warm-up offset by at most maxResidual / (count + lambda)
 */
public record IngestPolicy(int maxEventsPerUserPerDay, double maxResidual) {
    public static final IngestPolicy DEFAULT = new IngestPolicy(2_000, ItemStatsLedger.DEFAULT_MAX_RESIDUAL);

    public IngestPolicy {
        if (maxEventsPerUserPerDay < 0) throw new IllegalArgumentException("maxEventsPerUserPerDay must be >= 0, was " + maxEventsPerUserPerDay);
        if (!(maxResidual > 0) || !Double.isFinite(maxResidual)) throw new IllegalArgumentException("maxResidual must be finite and > 0, was " + maxResidual);
    }
}
