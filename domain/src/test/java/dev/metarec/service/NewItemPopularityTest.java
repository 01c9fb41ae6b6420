package dev.metarec.service;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NewItemPopularityTest {
    @Test
    void fill_shouldGiveAnItemWithoutInteractionsTheMeanPriorOfTheKnownItemsOfItsKind() {
        List<Item> items = List.of(
                new Item("a", Attributes.of("genre", "Action"), null),
                new Item("b", Attributes.of("genre", "Action"), null),
                new Item("c", Attributes.of("genre", "Drama"), null),
                new Item("new-action", Attributes.of("genre", "Action"), null),
                new Item("new-both", Attributes.of("genre", "Action|Drama"), null),
                new Item("new-western", Attributes.of("genre", "Western"), null),
                new Item("old-unliked", Attributes.of("genre", "Drama"), null));
        double[] popularity = {4, 2, 1, 0, 0, 0, 0};
        boolean[] known = {true, true, true, false, false, false, true};   // old-unliked was rated, never liked: its 0 is evidence
        NewItemPopularity.fill(popularity, known, items);
        assertArrayEquals(new double[]{4, 2, 1, 3, (3 + 0.5) / 2, 0, 0}, popularity, 1e-12,
                "new items: Action's mean 3; Action and Drama (mean of 1 and 0) averaged; a kind nobody knows 0; known items unchanged");
    }

    @Test
    void parse_shouldAcceptTheTwoDesigns_andRefuseAnythingElseNamingTheProperty() {
        assertFalse(NewItemPopularity.parse("none"));
        assertTrue(NewItemPopularity.parse(" attributes "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NewItemPopularity.parse("genre"));
        assertTrue(e.getMessage().contains(NewItemPopularity.PROPERTY), e.getMessage());
        assertFalse(NewItemPopularity.BY_ATTRIBUTES, "off unless the trial's property is set");
    }
}
