/**
 * What orders the served list: item-to-item neighbours fitted on training events ({@link dev.metarec.rank.ItemNeighbours}),
 * and a blend of the meta-learned preference score, a popularity prior and the neighbours of the user's support events,
 * with weights per support size chosen on validation users ({@link dev.metarec.rank.RankBlend}). Stored in the checkpoint
 * ({@link dev.metarec.rank.RankPrior}). Plain Java.
 */
package dev.metarec.rank;
