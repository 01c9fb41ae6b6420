package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.it.lambda.ApiGateway.Token;
import dev.metarec.it.lambda.MetarecFunctions;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Flow 1 on the real artifact: ingest a generated catalogue and ratings through the ingest function,
 * meta-train (checkpoint to S3, champion pointer in DynamoDB), then a new user who rated only comedies is
 * adapted and gets comedies ahead of the population's order (which favours horror).
 */
@ExtendWith(AwsServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalisationFlowTest {
    private final GenreWorld world = new GenreWorld(30, 160, 16, 11);
    private AwsStores stores;
    private MetarecFunctions functions;
    private ApiClient api;

    @BeforeAll
    void start(AwsServers servers) {
        AwsServers.Namespace ns = servers.freshNamespace("flow1");
        stores = AwsStores.over(servers.dynamo(), servers.s3(), ns, Clock.systemUTC());
        functions = MetarecFunctions.start(1, MetarecFunctions.configuration(servers, ns));
        api = new ApiClient(functions.gateway());
    }

    @AfterAll
    void stop() {
        if (functions != null) functions.close();
    }

    @Test
    void comedyFan_getsComediesAheadOfThePopulationOrder() {
        api.ingestItems(world.items);
        api.ingestRatings(world.ratings, ApiClient.ADMIN);
        assertEquals(world.ratings.size(), IntStream.range(0, 160).mapToLong(u -> stores.events().count("train-" + u)).sum());

        MetaTrainService.Result trained = MetaTraining.untilDone(MetaTraining.service(stores, MetaTrainSettings.DEMO), Duration.ofMinutes(2), 10);
        assertEquals(MetaTrainService.Status.PROMOTED, trained.status(), trained.message());
        assertEquals(trained.checkpointId(), stores.champion().current().orElseThrow());

        Token fan = Token.user("comedy-fan");
        List<GenreWorld.Rating> support = IntStream.range(0, 5).mapToObj(i -> new GenreWorld.Rating("fan-" + i, "comedy-fan",
                "comedy-" + (i * 5), 5.0, world.start.plusSeconds(900_000 + i))).toList();
        api.ingestRatings(support, fan);
        JsonNode adapted = api.ok("/adapt", ApiClient.user("comedy-fan"), fan);
        assertTrue(adapted.path("stored").asBoolean(), adapted.toString());
        assertEquals(5, adapted.path("supportSize").asInt(), adapted.toString());
        assertTrue(adapted.path("lossAfter").asDouble() < adapted.path("lossBefore").asDouble(), adapted.toString());

        JsonNode personal = api.recommend("comedy-fan", 10, fan);
        JsonNode population = api.recommend("newcomer", 10, Token.user("newcomer"));
        long comediesForFan = ApiClient.itemIds(personal).stream().filter(id -> world.genreOf(id).equals("Comedy")).count();
        long comediesForNewcomer = ApiClient.itemIds(population).stream().filter(id -> world.genreOf(id).equals("Comedy")).count();
        System.out.printf("[figure] flow 1: comedies in the top 10 of a user who rated 5 comedies: %d; of a newcomer (population order): %d%n",
                comediesForFan, comediesForNewcomer);
        assertTrue(ApiClient.itemIds(personal).stream().noneMatch(id -> support.stream().anyMatch(s -> s.itemId().equals(id))),
                "seen items must never be recommended");
        assertTrue(comediesForFan > comediesForNewcomer, personal + " vs " + population);
        assertTrue(comediesForFan >= 5, "a comedy fan's top 10 should be mostly comedies: " + personal);
        personal.path("items").forEach(i -> assertEquals("PERSONALISED", i.path("reason").asText(), i.toString()));
    }
}
