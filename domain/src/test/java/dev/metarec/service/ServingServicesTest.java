package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.service.Recommendation.Mode;
import dev.metarec.service.Recommendation.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Ingest, adapt, recommend and erase over in-memory ports and a small meta-trained champion. */
class ServingServicesTest {
    static Fixture f;

    @BeforeAll
    static void train() { f = new Fixture(80).trained(); }

    static IngestCommand events(IngestCommand.RawEvent... e) { return IngestCommand.of(List.of(e), null, null, Limits.DEFAULT, Fixture.NOW); }

    static IngestCommand.RawEvent rating(String id, String user, String item, double v) {
        return new IngestCommand.RawEvent(id, user, item, "rating", v, null);
    }

    static RecommendCommand rec(String user, int k, List<String> candidates, List<String> exclude, double explore) {
        return RecommendCommand.of(user, k, candidates, exclude, null, null, explore, Limits.DEFAULT);
    }

    @Test
    void ingest_shouldCountAnEventOnce_inItemStats_evenWhenRedelivered() {
        IngestCommand cmd = events(rating("s-1", "stats-user", "i7", 5.0));
        ItemStats before = f.ports.stats.find("i7").orElse(ItemStats.empty("i7"));
        assertEquals(1, f.ingest.ingest(cmd, Fixture.NOW).eventsStored());
        ItemStats once = f.ports.stats.find("i7").orElseThrow();
        assertEquals(0, f.ingest.ingest(cmd, Fixture.NOW).eventsStored());
        assertEquals(once, f.ports.stats.find("i7").orElseThrow(), "a redelivered event must not add twice");
        assertEquals(before.count() + 1, once.count());
        assertNotEquals(before.residualSum(), once.residualSum(), "the residual against the champion's prediction is recorded");
    }

    @Test
    void ingest_ofAnItem_shouldMakeItRecommendableOnTheNextRequest_withoutRetraining() {
        String checkpoint = f.ports.pointer.current().orElseThrow();
        f.ingest.ingest(IngestCommand.of(null, List.of(new IngestCommand.RawItem("fresh-1", Map.of("genre", List.of("g1")), null)), null,
                Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        Recommendation r = f.recommend.recommend(rec("u1", 5, List.of("fresh-1"), null, 0), Fixture.NOW);
        assertEquals(List.of("fresh-1"), r.items().stream().map(Recommendation.RecommendedItem::itemId).toList());
        assertEquals(checkpoint, r.checkpointId());
    }

    @Test
    void warmUp_shouldMoveANewItemsScore_withOtherUsersEvidence() {
        f.ingest.ingest(IngestCommand.of(null, List.of(new IngestCommand.RawItem("warm-1", Map.of("genre", List.of("g2")), null)), null,
                Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        double before = f.recommend.recommend(rec("u2", 1, List.of("warm-1"), null, 0), Fixture.NOW).items().get(0).score();
        for (int u = 0; u < 30; u++) f.ingest.ingest(events(rating("w-" + u, "u" + (u + 3), "warm-1", 1.0)), Fixture.NOW);
        double after = f.recommend.recommend(rec("u2", 1, List.of("warm-1"), null, 0), Fixture.NOW).items().get(0).score();
        assertTrue(after < before - 0.3, "30 low ratings from other users must pull the item down: " + before + " -> " + after);
    }

    @Test
    void recommend_shouldApplyHardFilters_andNeverBackfillWithFilteredItems() {
        f.ingest.ingest(events(rating("h-1", "filter-user", "i10", 5), rating("h-2", "filter-user", "i11", 5)), Fixture.NOW);
        Recommendation r = f.recommend.recommend(rec("filter-user", 10, List.of("i10", "i11", "i12", "i13", "i14"), List.of("i12"), 0), Fixture.NOW);
        assertEquals(Set.of("i13", "i14"), Set.copyOf(r.items().stream().map(Recommendation.RecommendedItem::itemId).toList()));
        Recommendation all = f.recommend.recommend(rec("filter-user", 100, null, List.of("i0", "i1"), 0.5), Fixture.NOW);
        for (var i : all.items()) assertFalse(Set.of("i0", "i1", "i10", "i11").contains(i.itemId()), i.itemId());
    }

    @Test
    void recommend_shouldReserveExplorationSlots_forNewItems() {
        f.ingest.ingest(IngestCommand.of(null, List.of(new IngestCommand.RawItem("explore-1", Map.of("genre", List.of("g5")), null)), null,
                Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        Recommendation r = f.recommend.recommend(rec("u4", 10, null, null, 0.5), Fixture.NOW);
        long explored = r.items().stream().filter(i -> i.reason() == Reason.NEW_ITEM_EXPLORATION).count();
        assertTrue(explored >= 1 && explored <= 5, "explored " + explored);
        r.items().stream().filter(i -> i.reason() == Reason.NEW_ITEM_EXPLORATION)
                .forEach(i -> assertTrue(f.ports.stats.find(i.itemId()).map(ItemStats::count).orElse(0L) < f.settings.newItemMaxCount()));
        Recommendation none = f.recommend.recommend(rec("u4", 10, null, null, 0), Fixture.NOW);
        assertTrue(none.items().stream().noneMatch(i -> i.reason() == Reason.NEW_ITEM_EXPLORATION));
    }

    @Test
    void recommend_shouldRankByPopularity_whenNothingIsKnownAboutTheUser() {
        Recommendation r = f.recommend.recommend(rec("stranger", 5, null, null, 0), Fixture.NOW);
        assertEquals(Mode.POPULAR, r.mode());
        assertEquals(5, r.items().size(), "k items from a catalogue of " + f.data.items().size());
        long first = f.ports.stats.find(r.items().get(0).itemId()).map(ItemStats::count).orElse(0L);
        long mostPopular = f.data.items().stream().mapToLong(i -> f.ports.stats.find(i.itemId()).map(ItemStats::count).orElse(0L)).max().orElseThrow();
        assertEquals(mostPopular, first, "the most popular item comes first");
        long previous = Long.MAX_VALUE;
        for (var i : r.items()) {
            assertEquals(Reason.POPULAR_FALLBACK, i.reason());
            long c = f.ports.stats.find(i.itemId()).map(ItemStats::count).orElse(0L);
            assertTrue(c <= previous);
            previous = c;
        }
    }

    @Test
    void adapt_shouldStoreVersionedWeights_andNeverOverwriteAFresherRecord() {
        f.ingest.ingest(events(rating("v-1", "versioned", "i20", 5), rating("v-2", "versioned", "i21", 4)), Fixture.NOW);
        AdaptService.Outcome first = f.adapt.adapt("versioned", Fixture.NOW);
        assertTrue(first.stored());
        assertEquals(1, first.version());
        assertTrue(first.lossAfter() < first.lossBefore());

        String ckpt = f.ports.pointer.current().orElseThrow();
        byte[] fresher = new FastWeightsPayload(99, f.ports.fast.find("versioned").orElseThrow().payload().clone()).encode();
        f.ports.fast.put(new StoredFastWeights("versioned", ckpt, 2, fresher, Fixture.NOW), 1);
        AdaptService.Outcome second = f.adapt.adapt("versioned", Fixture.NOW);
        assertFalse(second.stored(), "a record made on more events by a concurrent adapt is kept");
        assertEquals(2, f.ports.fast.find("versioned").orElseThrow().version());

        f.ports.fast.map.put("versioned", new StoredFastWeights("versioned", "older-checkpoint", 7, new byte[]{1}, Fixture.NOW));
        AdaptService.Outcome third = f.adapt.adapt("versioned", Fixture.NOW);
        assertTrue(third.stored(), "weights for an older checkpoint are replaced");
        assertEquals(8, third.version());
        assertEquals(ckpt, f.ports.fast.find("versioned").orElseThrow().checkpointId());
    }

    @Test
    void recommend_shouldTreatWeightsOfAnOlderCheckpointAsAbsent() {
        f.ingest.ingest(events(rating("o-1", "olduser", "i30", 5)), Fixture.NOW);
        f.ports.fast.map.put("olduser", new StoredFastWeights("olduser", "older-checkpoint", 3, new byte[]{1, 2}, Fixture.NOW));
        assertEquals(Mode.ADAPTED, f.recommend.recommend(rec("olduser", 3, null, null, 0), Fixture.NOW).mode());
        assertEquals(Mode.STORED, f.recommend.recommend(rec("olduser", 3, null, null, 0), Fixture.NOW).mode());
    }

    @Test
    void recommend_shouldFollowAUserWhoseTasteMoves() {
        List<String> rated = List.of("i40", "i41", "i42", "i43");
        List<IngestCommand.RawEvent> likes = List.of(rating("d-1", "drifter", "i40", 5), rating("d-2", "drifter", "i41", 5));
        f.ingest.ingest(IngestCommand.of(likes, null, null, Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        Recommendation before = f.recommend.recommend(rec("drifter", 100, null, null, 0), Fixture.NOW);
        Map<String, Double> scoresBefore = scores(f.recommend.recommend(withSeen("drifter", rated), Fixture.NOW));
        f.ingest.ingest(events(rating("d-3", "drifter", "i42", 1), rating("d-4", "drifter", "i43", 1)), Fixture.NOW);
        Recommendation after = f.recommend.recommend(rec("drifter", 100, null, null, 0), Fixture.NOW);
        Map<String, Double> scoresAfter = scores(f.recommend.recommend(withSeen("drifter", rated), Fixture.NOW));

        assertNotEquals(before.items().stream().map(Recommendation.RecommendedItem::itemId).limit(10).toList(),
                after.items().stream().map(Recommendation.RecommendedItem::itemId).limit(10).toList(), "new events re-rank");
        assertEquals(Mode.ADAPTED, after.mode());
        String report = "before " + scoresBefore + ", after " + scoresAfter;
        for (String disliked : List.of("i42", "i43")) {
            assertTrue(scoresAfter.get(disliked) < scoresBefore.get(disliked), disliked + " rated 1 must fall: " + report);
            for (String liked : List.of("i40", "i41")) {
                double fell = scoresBefore.get(disliked) - scoresAfter.get(disliked), likedFell = scoresBefore.get(liked) - scoresAfter.get(liked);
                assertTrue(fell > likedFell + 0.1, disliked + " falls further than " + liked + ": " + report);
            }
        }
        // where the prior had not put a disliked item far above a liked one, two events reorder them; this 60-step
        // fixture's prior has i43 0.4 above i41, which two events with W0 shared (ModelDesign) narrow but do not overturn
        for (String[] pair : new String[][]{{"i42", "i40"}, {"i42", "i41"}, {"i43", "i40"}})
            assertTrue(scoresAfter.get(pair[0]) < scoresAfter.get(pair[1]), pair[0] + " below " + pair[1] + ": " + report);
    }

    /** Scores of the given items, seen ones included. */
    private static RecommendCommand withSeen(String user, List<String> items) {
        return RecommendCommand.of(user, items.size(), items, null, null, false, 0.0, Limits.DEFAULT);
    }

    private static Map<String, Double> scores(Recommendation r) {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (var i : r.items()) out.put(i.itemId(), i.score());
        return out;
    }

    @Test
    void recommend_shouldShowPredictedRatingsWithinTheTrainingRange() {
        f.ingest.ingest(events(rating("r-1", "enthusiast", "i60", 5), rating("r-2", "enthusiast", "i61", 5), rating("r-3", "enthusiast", "i62", 5)), Fixture.NOW);
        double lo = f.data.ratings().stream().mapToDouble(Event::value).min().orElseThrow();
        double hi = f.data.ratings().stream().mapToDouble(Event::value).max().orElseThrow();
        for (var i : f.recommend.recommend(rec("enthusiast", 50, null, null, 0), Fixture.NOW).items())
            assertTrue(i.score() >= Math.min(lo, f.settings.viewTarget()) && i.score() <= Math.max(hi, f.settings.purchaseTarget()), "score " + i.score());
    }

    @Test
    void recommend_inTwoStages_shouldShowExactScores_andKeepTheExhaustiveTopItems() {
        f.ingest.ingest(events(rating("ts-1", "two-stage", "i10", 5), rating("ts-2", "two-stage", "i11", 4), rating("ts-3", "two-stage", "i12", 2)), Fixture.NOW);
        int items = f.catalogue.snapshot(f.champion.require(Fixture.NOW), Fixture.NOW).size();
        ServiceSettings twoStage = f.settings.withScoring(items / 10, items / 10);   // a tenth of the catalogue scored exactly per round
        RecommendService staged = new RecommendService(f.champion, f.catalogue, f.ports.events, f.ports.profiles, f.ports.fast, f.fastCodec, f.adapt,
                twoStage, () -> "staged");
        Map<String, Double> exhaustive = scores(f.recommend.recommend(rec("two-stage", 20, null, null, 0), Fixture.NOW));   // stores the fast weights
        Map<String, Double> inStages = scores(staged.recommend(rec("two-stage", 20, null, null, 0), Fixture.NOW));
        assertTrue(items >= 100, "a catalogue of " + items + " items");
        int common = 0;
        for (var e : inStages.entrySet()) {
            if (!exhaustive.containsKey(e.getKey())) continue;
            common++;
            // exact up to single-precision rounding (item sides or item by item); an estimate is off by far more
            assertEquals(exhaustive.get(e.getKey()), e.getValue(), 1e-4, "the shown score of " + e.getKey() + " is exact, not the first stage's estimate");
        }
        assertTrue(common >= 18, "two-stage top 20 shares " + common + " items with exhaustive scoring's");
    }

    @Test
    void explanations_shouldEqualTheNetworksOcclusionAttribution() {
        f.ports.profiles.upsert(new dev.metarec.model.UserProfile("explained", dev.metarec.model.Attributes.of("age", "25-34")));
        Recommendation r = f.recommend.recommend(rec("explained", 5, null, null, 0), Fixture.NOW);
        assertEquals(Mode.ZERO_SHOT, r.mode());
        ServingModel m = f.champion.require(Fixture.NOW);
        var user = m.encodeUser(f.ports.profiles.find("explained").orElseThrow());
        var names = m.features().itemVocabularies().stream().map(v -> v.name()).toList();
        for (var item : r.items()) {
            double[] expected = m.network().itemSlotContributions(m.meta(), m.prior(), user, m.encodeItem(f.ports.catalog.find(item.itemId()).orElseThrow()));
            assertFalse(item.topAttributes().isEmpty());
            for (var c : item.topAttributes())   // served scores are computed in single precision (CatalogueScorer)
                assertEquals(expected[names.indexOf(c.attribute())], c.contribution(), 1e-5, item.itemId() + " " + c);
        }
    }

    @Test
    void erase_shouldRemoveEverythingOfTheUser_only() {
        f.ingest.ingest(events(rating("x-1", "leaver", "i50", 5)), Fixture.NOW);
        f.ingest.ingest(events(rating("x-1", "stayer", "i50", 5)), Fixture.NOW);
        f.adapt.adapt("leaver", Fixture.NOW);
        EraseService.Result r = f.erase.erase("leaver");
        assertEquals(1, r.eventsRemoved());
        assertTrue(r.fastWeightsRemoved());
        assertTrue(f.ports.events.recent("leaver", 10).isEmpty());
        assertEquals(1, f.ports.events.count("stayer"));
        assertEquals(1, f.ingest.ingest(events(rating("x-1", "leaver", "i50", 5)), Fixture.NOW).eventsStored(), "starts fresh");
    }

    @Test
    void events_shouldBeValidatedBeforeAnythingIsWritten() {
        long before = f.ports.events.map.size();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> IngestCommand.of(
                List.of(rating("ok", "u1", "i1", 3), new IngestCommand.RawEvent("bad", "u1", "i1", "rating", Double.NaN, null)),
                null, null, Limits.DEFAULT, Fixture.NOW));
        assertEquals("events[1].value", e.field());
        assertEquals(before, f.ports.events.map.size());
        assertEquals(EventType.RATING, events(rating("t", "u1", "i1", 3)).events().get(0).type());
        Event future = events(new IngestCommand.RawEvent("t2", "u1", "i1", "click", null, "1767225600000")).events().get(0);
        assertEquals(java.time.Instant.ofEpochMilli(1767225600000L), future.timestamp());
    }

    @Test
    void ratings_outsideTheRatingScale_shouldBeRejected_namingFieldAndLimit_andNothingStored() {
        long before = f.ports.events.map.size();
        for (double bad : new double[]{1e6, -1e6, 5.01, -0.5}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> f.ingest.ingest(IngestCommand.of(
                    List.of(rating("scale-ok", "scale-user", "i1", 4), rating("scale-bad", "scale-user", "i2", bad)),
                    null, null, Limits.DEFAULT, Fixture.NOW), Fixture.NOW));
            assertEquals("events[1].value", e.field());
            assertTrue(e.limit().contains("[0.0, 5.0]"), e.limit());
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertEquals(before, f.ports.events.map.size(), "nothing of a rejected batch is stored");
        assertEquals(0.0, events(rating("scale-lo", "scale-user", "i1", 0)).events().get(0).value());
        assertEquals(5.0, events(rating("scale-hi", "scale-user", "i1", 5)).events().get(0).value());
        Limits tenPoint = Limits.DEFAULT.withRatingScale(1, 10);
        assertEquals(9.0, IngestCommand.of(List.of(rating("t", "u", "i", 9)), null, null, tenPoint, Fixture.NOW).events().get(0).value());
        assertThrows(InvalidRequestException.class, () -> IngestCommand.of(List.of(rating("t", "u", "i", 0.5)), null, null, tenPoint, Fixture.NOW));
        // implicit events: the value is optional, bounded, and never a training target
        assertEquals(250.0, events(new IngestCommand.RawEvent("p", "u", "i", "purchase", 250.0, null)).events().get(0).value());
        assertEquals("events[0].value", assertThrows(InvalidRequestException.class,
                () -> events(new IngestCommand.RawEvent("p", "u", "i", "view", 2e6, null))).field());
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withRatingScale(5, 5));
    }

    @Test
    void adapt_onDivergingEvents_shouldFallBackToThePrior_storeNothing_andSaySo() {
        // Events stored before the rating scale was enforced (ingest now rejects them). +-3e3 makes weights the codec
        // can't hold, +-1e6 overflows to a non-finite loss or explodes past 1e200, depending on the model's support
        // shrinkage. (+-300 made a model that adapted W0 explode, 9e4 -> 2e19; with W0 shared it adapts without diverging.)
        Map<Double, String> reasons = Map.of(3e3, "diverged", 1e6, "diverged|non-finite");
        for (Map.Entry<Double, String> c : reasons.entrySet()) {
            String user = "extreme-" + c.getKey();
            for (int i = 0; i < 10; i++)
                f.ports.events.append(new Event("x-" + i, user, "i" + (60 + i), EventType.RATING, i % 2 == 0 ? c.getKey() : -c.getKey(),
                        Fixture.NOW.minusSeconds(100 - i)), Fixture.NOW);
            AdaptService.Outcome o = f.adapt.adapt(user, Fixture.NOW);
            assertTrue(o.fellBackToPrior(), "diverging adaptation must fall back: " + o);
            assertFalse(o.stored());
            assertEquals(0, o.steps());
            assertTrue(java.util.Arrays.stream(c.getValue().split("\\|")).anyMatch(o.fallbackReason()::contains), o.fallbackReason());
            assertTrue(Double.isNaN(o.lossAfter()) || o.lossAfter() == o.lossBefore(), "0 steps: the prior's loss");
            assertArrayEquals(f.champion.require(Fixture.NOW).prior(), o.fast());
            assertTrue(f.ports.fast.find(user).isEmpty(), "nothing is stored");

            Recommendation r = f.recommend.recommend(rec(user, 10, null, null, 0), Fixture.NOW);
            assertEquals(Mode.PRIOR_FALLBACK, r.mode(), "the on-the-fly adaptation falls back the same way");
            assertEquals(10, r.items().size());
            r.items().forEach(i -> assertTrue(Double.isFinite(i.score())));
            assertTrue(f.ports.fast.find(user).isEmpty(), "recommend stores nothing either");
        }
    }

    @Test
    void divergenceGuard_shouldRejectNonFiniteOrClearlyWorseLosses_only() {
        double[] w = {0.0};
        assertNull(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 1.0, 0.4, 5)));
        assertNull(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 1.0, 1.4, 5)), "within the margin");
        assertNull(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 0.0, 0.0, 5)));
        assertTrue(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 1.0, 1.6, 5)).contains("diverged"));
        assertTrue(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 1e12, 2.5e37, 5)).contains("2.5E37"));
        assertNotNull(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, 1.0, Double.NaN, 5)));
        assertNotNull(AdaptService.diverged(new dev.metarec.meta.AdaptResult(w, Double.POSITIVE_INFINITY, 1.0, 5)));
    }

    @Test
    void catalogueIndex_shouldEncodeOnlyChangedItems_andShowNewOnesAtOnce() {
        ServingModel model = f.champion.require(Fixture.NOW);
        String changed = "zz-changing";
        f.ingest.ingest(IngestCommand.of(null, List.of(new IngestCommand.RawItem(changed, Map.of("genre", List.of("g1")), null)), null,
                Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        CatalogueIndex.Snapshot before = f.catalogue.snapshot(model, Fixture.NOW);
        String unchanged = before.items().get(0).itemId();
        f.ingest.ingest(IngestCommand.of(null, List.of(new IngestCommand.RawItem(changed, Map.of("genre", List.of("g9")), null),
                new IngestCommand.RawItem("zz-incremental", Map.of("genre", List.of("g1")), null)), null, Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        CatalogueIndex.Snapshot after = f.catalogue.snapshot(model, Fixture.NOW);
        assertEquals(f.ports.catalog.version(), after.catalogVersion());
        assertEquals(before.size() + 1, after.size());
        assertTrue(after.position().containsKey("zz-incremental"), "a new item is in the very next snapshot");
        assertSame(before.encoded().get(before.position().get(unchanged)), after.encoded().get(after.position().get(unchanged)),
                "an unchanged item keeps its encoding");
        assertNotSame(before.encoded().get(before.position().get(changed)), after.encoded().get(after.position().get(changed)));
        assertEquals(List.of("g9"), after.items().get(after.position().get(changed)).attributes().get("genre"));
        assertSame(after, f.catalogue.snapshot(model, Fixture.NOW), "no change, same snapshot");
        // the items' share of the first layer: computed once per checkpoint and item, again only for a changed or new item
        assertTrue(model.network().sharesItemSide(), "a designed model keeps W0 shared");
        assertSame(before.itemSides()[before.position().get(unchanged)], after.itemSides()[after.position().get(unchanged)],
                "an unchanged item keeps its item side");
        float[] was = before.itemSides()[before.position().get(changed)], now = after.itemSides()[after.position().get(changed)];
        assertFalse(java.util.Arrays.equals(was, now), "a changed item's side is computed again from its new attributes");
        for (String id : List.of(changed, "zz-incremental", unchanged)) {
            int at = after.position().get(id);
            assertArrayEquals(model.network().itemSides(model.meta(), List.of(after.encoded().get(at)))[0], after.itemSides()[at], 1e-6f, id);
            assertEquals(model.rank().baseline().of(id), after.baseline(at, model.rank().baseline()), 0.0, id);
        }
    }
}
