/**
 * The embedded default store for local runs: an H2 MVStore file for the small records (events,
 * catalogue, item statistics, profiles, fast weights, the champion pointer) and plain files, written
 * atomically, for checkpoints and training progress. Survives a restart and a crash mid-write.
 */
package dev.metarec.adapter.local;
