package dev.metarec.features;

import dev.metarec.model.Attributes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureVocabularyTest {
    private static final FeatureSpec BRAND = new FeatureSpec("brand", FeatureKind.CATEGORICAL, 8, 0);
    private static final FeatureSpec GENRE = new FeatureSpec("genre", FeatureKind.MULTI, 4, 0);

    private static List<Attributes> brands(String... values) {
        List<Attributes> out = new ArrayList<>();
        for (String v : values) out.add(Attributes.of("brand", v));
        return out;
    }

    @Test
    void fit_givesKnownValuesRowsOneToV_sortedAndIndependentOfOrder() {
        FeatureVocabulary a = FeatureVocabulary.fit(BRAND, brands("zeta", "acme", "mid"), 1);
        FeatureVocabulary b = FeatureVocabulary.fit(BRAND, brands("mid", "zeta", "acme"), 1);
        assertEquals(List.of("acme", "mid", "zeta"), a.knownValues());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(1, a.rowOf("acme"));
        assertEquals(3, a.rowOf("zeta"));
        assertEquals(1 + 3 + 8, a.rows());
    }

    @Test
    void unseenValues_neverCrash_andNeverShareAKnownValuesRow() {
        FeatureVocabulary v = FeatureVocabulary.fit(BRAND, brands("acme", "globex", "initech"), 1);
        Set<Integer> knownRows = new HashSet<>();
        for (String k : v.knownValues()) knownRows.add(v.rowOf(k));
        Set<Integer> hashedSeen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int row = v.rowOf("new-brand-" + i);
            assertTrue(row >= v.firstHashedRow() && row < v.rows(), "hashed row " + row + " outside [" + v.firstHashedRow() + ", " + v.rows() + ")");
            assertTrue(!knownRows.contains(row));
            hashedSeen.add(row);
        }
        assertEquals(8, hashedSeen.size(), "2000 unseen values should spread over all 8 hashed rows");
    }

    @Test
    void sameUnseenValue_mapsToSameRow_acrossInstances() {
        FeatureVocabulary a = FeatureVocabulary.fit(BRAND, brands("acme"), 1);
        FeatureVocabulary b = new FeatureVocabulary(BRAND, List.of("acme"), new double[0]);
        for (int i = 0; i < 100; i++) assertEquals(a.rowOf("unseen" + i), b.rowOf("unseen" + i));
        // pinned: a stable hash, so this never changes between JVMs or releases
        assertEquals(2 + Math.floorMod(Murmur3.hash32("unseen0", Murmur3.hash32("brand", 0x6d657461)), 8), a.rowOf("unseen0"));
    }

    @Test
    void minCount_sendsRareValuesToHashedRows() {
        FeatureVocabulary v = FeatureVocabulary.fit(BRAND, brands("acme", "acme", "rare"), 2);
        assertEquals(List.of("acme"), v.knownValues());
        assertTrue(v.rowOf("rare") >= v.firstHashedRow());
    }

    @Test
    void missingOrBlankAttribute_isRowZero() {
        FeatureVocabulary v = FeatureVocabulary.fit(BRAND, brands("acme"), 1);
        assertArrayEquals(new int[] {0}, v.encode(List.of()));
        assertArrayEquals(new int[] {0}, v.encode(List.of("  ")));
        assertEquals(0, v.rowOf(null));
        FeatureVocabulary g = FeatureVocabulary.fit(GENRE, List.of(Attributes.of("genre", "Drama")), 1);
        assertArrayEquals(new int[] {0}, g.encode(List.of()));
    }

    @Test
    void multi_encodesEachDistinctValue_inOrder_knownAndUnseen() {
        FeatureVocabulary g = FeatureVocabulary.fit(GENRE, List.of(Attributes.of("genre", "Drama|Comedy"), Attributes.of("genre", "Action")), 1);
        assertEquals(List.of("Action", "Comedy", "Drama"), g.knownValues());
        int[] rows = g.encode(List.of("Drama", "Action", "Drama", " ", "Western"));
        assertEquals(3, rows.length);
        assertEquals(3, rows[0]);
        assertEquals(1, rows[1]);
        assertTrue(rows[2] >= 4 && rows[2] < 8);
    }

    @Test
    void categorical_withSeveralValues_usesTheFirst() {
        FeatureVocabulary v = FeatureVocabulary.fit(BRAND, brands("acme", "globex"), 1);
        assertArrayEquals(new int[] {2}, v.encode(List.of("globex", "acme")));
    }

    @Test
    void numeric_fitsQuantileBoundaries_andBucketsEvenly() {
        FeatureSpec age = FeatureSpec.numeric("age", 4);
        List<Attributes> data = new ArrayList<>();
        for (int i = 999; i >= 0; i--) data.add(Attributes.of("age", Integer.toString(i)));
        FeatureVocabulary v = FeatureVocabulary.fit(age, data, 1);
        assertArrayEquals(new double[] {250, 500, 750}, v.boundaries());
        assertEquals(5, v.rows());
        int[] counts = new int[5];
        for (Attributes a : data) counts[v.encode(a.get("age"))[0]]++;
        assertArrayEquals(new int[] {0, 250, 250, 250, 250}, counts);
        assertEquals(1, v.bucketOf(-1e9));
        assertEquals(4, v.bucketOf(1e9));
    }

    @Test
    void numeric_nonNumericOrMissingOrNonFinite_isRowZero() {
        FeatureVocabulary v = new FeatureVocabulary(FeatureSpec.numeric("age", 3), List.of(), new double[] {10, 20});
        assertArrayEquals(new int[] {0}, v.encode(List.of("twelve")));
        assertArrayEquals(new int[] {0}, v.encode(List.of()));
        assertArrayEquals(new int[] {0}, v.encode(List.of("NaN")));
        assertArrayEquals(new int[] {0}, v.encode(List.of("Infinity")));
        assertArrayEquals(new int[] {2}, v.encode(List.of(" 10 ")));
    }

    @Test
    void numeric_tiedData_mergesBoundaries() {
        List<Attributes> data = new ArrayList<>();
        for (int i = 0; i < 100; i++) data.add(Attributes.of("n", i < 90 ? "1" : "5"));
        FeatureVocabulary v = FeatureVocabulary.fit(FeatureSpec.numeric("n", 10), data, 1);
        assertArrayEquals(new double[] {5}, v.boundaries());
        assertNotEquals(v.bucketOf(1), v.bucketOf(5));
    }

    @Test
    void numeric_withNoTrainingValues_hasOneBucketPlusMissing() {
        FeatureVocabulary v = FeatureVocabulary.fit(FeatureSpec.numeric("n", 10), List.of(Attributes.EMPTY), 1);
        assertEquals(2, v.rows());
        assertEquals(1, v.bucketOf(3.0));
    }

    @Test
    void constructor_rejectsImpossibleParts_namingTheFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureVocabulary(BRAND, List.of("a", "a"), new double[0]));
        assertTrue(e.getMessage().contains("brand") && e.getMessage().contains("duplicate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureVocabulary(FeatureSpec.numeric("n", 3), List.of(), new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> new FeatureVocabulary(BRAND, List.of(), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureVocabulary.fit(BRAND, List.of(), 0));
    }
}
