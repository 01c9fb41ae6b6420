package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.MeluSplit;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class MeluSplitProtocolTest {

    private static List<MeluSplit.Rated> ratings(int n, int firstItem) {
        List<MeluSplit.Rated> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(new MeluSplit.Rated(String.valueOf(firstItem + i), 1 + i % 5));
        return r;
    }

    @Test
    void splitFiles_areUsedAsTheyAre() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) items.add(new Item(String.valueOf(i), Attributes.of("genre", "g" + i % 3), null));
        Map<String, Map<String, List<MeluSplit.Rated>>> states = new LinkedHashMap<>();
        Map<String, List<MeluSplit.Rated>> warm = new LinkedHashMap<>();
        for (int u = 0; u < 20; u++) warm.put("w" + u, ratings(15 + u, 0));
        warm.put("tooFew", ratings(12, 0));
        warm.put("tooMany", ratings(101, 0));
        states.put("warm_state", warm);
        states.put("user_cold_state", Map.of("c1", ratings(13, 100)));
        states.put("item_cold_state", Map.of("w1", ratings(20, 200)));
        states.put("user_and_item_cold_state", Map.of("c2", ratings(30, 200)));
        Dataset d = new Dataset("ml-1m", items, List.of(new UserProfile("c1", Attributes.of("gender", "F"))), List.of(), List.of(), List.of(),
                Optional.of(new MeluSplit(states)));
        EvalSplit s = MeluSplitProtocol.melu().split(d, 1);
        assertEquals(20, s.train().size() + s.validation().size(), "users outside 13-100 ratings are dropped");
        assertEquals(2, s.validation().size());
        UserTask c1 = s.scenarios().get(MeluProtocol.NEW_USER_EXISTING_ITEM).get(0);
        assertEquals("c1", c1.userId());
        assertEquals(List.of("F"), c1.user().attributes().get("gender"), "profiles come from users.dat");
        assertEquals(10, c1.query().size());
        assertEquals(3, c1.support().size());
        assertEquals("w1", s.scenarios().get(MeluProtocol.EXISTING_USER_NEW_ITEM).get(0).userId());
        assertEquals(30, s.scenarios().get(MeluProtocol.NEW_USER_NEW_ITEM).get(0).all().size());
    }

    @Test
    void splitFiles_withUnknownMovie_areRejected() {
        Map<String, Map<String, List<MeluSplit.Rated>>> states = new LinkedHashMap<>();
        for (String st : MeluSplit.STATES) states.put(st, Map.of("u", ratings(13, 0)));
        Dataset d = new Dataset("ml-1m", List.of(new Item("0", null, null)), List.of(), List.of(), List.of(), List.of(), Optional.of(new MeluSplit(states)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeluSplitProtocol.melu().split(d, 1));
        assertTrue(e.getMessage().contains("movie 1 which is not in movies.dat"), e.getMessage());
    }
}
