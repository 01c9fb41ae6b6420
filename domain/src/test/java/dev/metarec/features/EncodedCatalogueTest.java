package dev.metarec.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodedCatalogueTest {
    private final List<EncodedEntity> items = List.of(
            new EncodedEntity(new int[][] {{3}, {1, 4, 2}}, -1),
            new EncodedEntity(new int[][] {{0}, {7}}, 5));

    @Test
    void packs_andUnpacksEveryItem() {
        EncodedCatalogue c = EncodedCatalogue.of(items);
        assertEquals(2, c.size());
        assertEquals(2, c.slotCount());
        for (int i = 0; i < items.size(); i++) {
            EncodedEntity e = c.entity(i);
            assertEquals(items.get(i).idRow(), e.idRow());
            for (int f = 0; f < 2; f++) assertArrayEquals(items.get(i).slots()[f], e.slots()[f]);
        }
        assertEquals(3, c.maxRow(0));
        assertEquals(7, c.maxRow(1));
        assertEquals(5, c.maxIdRow());
        assertEquals(3, c.slotEnd(0, 1) - c.slotStart(0, 1));
    }

    @Test
    void ragged_orNegative_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EncodedCatalogue.of(List.of(items.get(0), new EncodedEntity(new int[][] {{1}}, -1))));
        assertTrue(e.getMessage().contains("item 1 has 1 slots but item 0 has 2"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> EncodedCatalogue.of(List.of(new EncodedEntity(new int[][] {{-2}}, -1))));
        assertTrue(e2.getMessage().contains("negative row -2"), e2.getMessage());
    }

    @Test
    void empty_isAllowed() {
        assertEquals(0, EncodedCatalogue.of(List.of()).size());
    }
}
