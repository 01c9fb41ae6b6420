/**
 * The use cases, over the ports: {@link dev.metarec.service.IngestService} (idempotent events, catalogue
 * and profile upserts, item warm-up statistics), {@link dev.metarec.service.AdaptService} (the inner loop
 * on a user's recent events, versioned fast weights), {@link dev.metarec.service.RecommendService} (top-K
 * with hard filters, exploration and explanations), {@link dev.metarec.service.EraseService} and
 * {@link dev.metarec.service.MetaTrainService} (budgeted, resumable meta-training with guarded promotion).
 * Commands ({@link dev.metarec.service.IngestCommand}, {@link dev.metarec.service.RecommendCommand},
 * {@link dev.metarec.service.UserCommand}) validate every limit when built, before anything is written,
 * and name the field and the limit they broke. Time and randomness are passed in.
 */
package dev.metarec.service;
