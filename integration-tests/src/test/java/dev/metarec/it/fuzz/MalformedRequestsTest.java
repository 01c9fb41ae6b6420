package dev.metarec.it.fuzz;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The corpus generator itself: big enough, deterministic, and every case differs from the valid request. */
class MalformedRequestsTest {

    @Test
    void corpus_hasAtLeastTheRequestedSize_andIsDeterministic() {
        List<MalformedRequests.Case> a = MalformedRequests.corpus(MetarecRoutes.all(), 1000, 7);
        List<MalformedRequests.Case> b = MalformedRequests.corpus(MetarecRoutes.all(), 1000, 7);
        assertTrue(a.size() >= 1000, "size " + a.size());
        assertEquals(a, b);
    }

    @Test
    void corpus_sendsNoRequestTwice_andHoldsAFixedNumberOfDistinctDefects() {
        List<MalformedRequests.Case> corpus = MalformedRequests.corpus(MetarecRoutes.all(), 1000, 42);
        Set<String> requests = new HashSet<>();
        for (var c : corpus) assertTrue(requests.add(c.path() + "\n" + c.contentType() + "\n" + c.body()), "sent twice: " + c.description());
        System.out.printf("[figure] fuzz corpus (seed 42): %d distinct requests from %d distinct defects%n",
                corpus.size(), MalformedRequests.distinctDefects(corpus));
        assertEquals(DISTINCT_DEFECTS, MalformedRequests.distinctDefects(corpus), "the generator's defects changed: update the README");
    }

    /** Distinct single defects (route: description) in the seed-42 corpus of 1,000 requests, counted 2026-12-04. */
    static final long DISTINCT_DEFECTS = 278;

    @Test
    void everyCase_differsFromTheValidRequest_andAllRoutesAreCovered() {
        Set<String> valid = new HashSet<>();
        MetarecRoutes.all().forEach(r -> valid.add(Json.write(r.valid())));
        Set<String> routes = new HashSet<>();
        for (var c : MalformedRequests.corpus(MetarecRoutes.all(), 1000, 7)) {
            assertFalse(valid.contains(c.body()) && c.contentType().equals("application/json"), c.description());
            routes.add(c.route());
        }
        assertEquals(Set.of("ingest", "recommend", "adapt", "erase"), routes);
    }

    @Test
    void paths_reachIntoArrays_andRemoveFields() {
        var ingest = MetarecRoutes.ingest();
        Object changed = Paths.replace(MalformedRequests.deepCopy(ingest.valid()), "events[].userId", v -> Paths.REMOVE);
        assertFalse(Json.write(changed).contains("\"userId\":\"fuzz-user\",\"itemId\""));
        assertTrue(Json.write(changed).contains("\"eventId\":\"fuzz-event\",\"itemId\""));
        String nan = Json.write(Paths.replace(MalformedRequests.deepCopy(ingest.valid()), "events[].value", v -> new Json.Raw("NaN")));
        assertTrue(nan.contains("\"value\":NaN"));
    }
}
