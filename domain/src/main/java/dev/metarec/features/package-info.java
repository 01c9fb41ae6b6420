/**
 * Attribute encoding: a {@link dev.metarec.features.FeatureSpace} holds one
 * {@link dev.metarec.features.FeatureVocabulary} per configured user and item attribute (categorical,
 * multi-valued, numeric buckets; values never seen in training hash into rows of their own) plus
 * optional {@link dev.metarec.features.IdVocabulary ID vocabularies}, and turns users and items into
 * {@link dev.metarec.features.EncodedEntity embedding rows}. Row 0 of every table means "missing".
 */
package dev.metarec.features;
