/**
 * Binary formats for model state: {@link dev.metarec.checkpoint.CheckpointCodec} (a meta-trained
 * model with its configuration and feature vocabularies, SHA-256 checked, versioned) and
 * {@link dev.metarec.checkpoint.FastWeightsCodec} (one user's adapted weights, quantised against the
 * meta-parameters, CRC32C checked). Neither uses Java serialisation; anything unreadable is a
 * {@link dev.metarec.checkpoint.CheckpointFormatException} saying what is wrong.
 */
package dev.metarec.checkpoint;
