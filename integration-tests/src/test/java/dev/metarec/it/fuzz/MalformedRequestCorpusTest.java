package dev.metarec.it.fuzz;

import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The malformed-request corpus (>= 1,000 cases, {@link MalformedRequests}) against the real functions as an
 * admin (so authorization never hides a validation gap): every answer is a 4xx problem with a message,
 * no 5xx, and nothing reaches the tables.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class MalformedRequestCorpusTest {

    @Test
    void everyMalformedRequest_gets4xxWithAMessage_andNothingIsStored(AwsServers servers, TrainedModel model) {
        List<MalformedRequests.Case> corpus = MalformedRequests.corpus(MetarecRoutes.all(), 1000, 42);
        try (ServedModel served = new ServedModel(servers, model, "fuzz", 1, Map.of())) {
            long itemsBefore = served.stores.catalog().all().size();
            var statsBefore = served.stores.itemStats().all();
            long itemStatsBefore = countItems(servers, served.namespace.tables().itemStats());
            Map<Integer, Integer> byStatus = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (MalformedRequests.Case c : corpus) {
                ApiGateway.Response r = served.functions.gateway().send("POST", c.path(), c.contentType(), c.body(), TrainedAdmin.TOKEN);
                byStatus.merge(r.status(), 1, Integer::sum);
                boolean hasMessage = r.body().contains("\"detail\"") || r.body().contains("\"title\"");
                if (r.status() < 400 || r.status() >= 500 || !hasMessage) {
                    failures.add(r.status() + " " + c.route() + ": " + c.description() + " -> " + abbreviate(r.body()));
                }
            }
            int stored = served.stores.catalog().all().size() - (int) itemsBefore;
            long events = countItems(servers, served.namespace.tables().events());
            long profiles = countItems(servers, served.namespace.tables().profiles());
            long fastWeights = countItems(servers, served.namespace.tables().fastWeights());
            long itemStats = countItems(servers, served.namespace.tables().itemStats()) - itemStatsBefore;
            System.out.printf("[figure] fuzz corpus: %d distinct malformed requests (%d distinct defects); statuses %s; not a 4xx with a message: %d; "
                    + "stored afterwards: %d events, %d new items, %d profiles, %d fast weights, %d new item statistics%n",
                    corpus.size(), MalformedRequests.distinctDefects(corpus), byStatus, failures.size(), events, stored, profiles, fastWeights, itemStats);
            failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
            assertEquals(List.of(), failures);
            assertEquals(0, events + stored + profiles + fastWeights, "nothing may be stored by a rejected request");
            assertEquals(statsBefore, served.stores.itemStats().all(), "no item statistics changed");
        }
    }

    private static long countItems(AwsServers servers, String table) {
        return servers.dynamo().scanPaginator(b -> b.tableName(table)).items().stream().count();
    }

    private static String abbreviate(String s) { return s.length() <= 160 ? s : s.substring(0, 160) + "..."; }

    /** An admin caller: every 4xx is then about the request itself. */
    private static final class TrainedAdmin {
        static final ApiGateway.Token TOKEN = ApiGateway.Token.admin("fuzz-admin");
    }
}
