package dev.metarec.eval.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Runs only with {@code -Dmetarec.data=/path/to/data} (MovieLens may not be redistributed, so it is never in the repo). */
@EnabledIfSystemProperty(named = "metarec.data", matches = ".+")
class RealDataTest {
    private final Path root = Path.of(System.getProperty("metarec.data", "."));

    @Test
    void ml100k_hasTheDocumentedSize() {
        Dataset d = MovieLens100k.load(root.resolve("ml-100k"));
        assertEquals(943, d.users().size());
        assertEquals(1682, d.items().size());
        assertEquals(100_000, d.events().size());
    }

    @Test
    void mlLatestSmall_hasTheDocumentedSize() {
        Dataset d = MovieLensLatestSmall.load(root.resolve("ml-latest-small"));
        assertEquals(610, d.users().size());
        assertEquals(9742, d.items().size());
        assertEquals(100_836, d.events().size());
    }

    @Test
    void ml1mFormatSample_loadsWithSideInformationAndAllFourStates() {
        Dataset d = MovieLens1m.load(root.resolve("ml-1m-format-sample"));
        assertEquals(40, d.users().size());
        assertEquals(60, d.items().size());
        assertEquals(1030, d.events().size());
        assertEquals(4, d.meluSplit().orElseThrow().states().size());
        assertEquals(5, d.itemFeatures().size());
    }
}
