package dev.metarec.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.MetarecFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A newer checkpoint is promoted whose stored bytes have one bit flipped: serving environments never load
 * it and keep answering with the previous champion; a freshly started environment never loads it either and
 * serves the previous champion (the pointer's {@code previous}).
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class CheckpointCorruptionTest {

    @Test
    void byteFlippedChampion_isNeverLoaded_andThePreviousChampionServes(AwsServers servers, TrainedModel model) throws Exception {
        try (ServedModel served = new ServedModel(servers, model, "corrupt", 1, Map.of())) {
            ApiGateway.Token bob = ApiGateway.Token.user("bob");
            JsonNode before = served.api.recommend("bob", 5, bob);
            assertEquals(model.checkpointId, before.path("checkpointId").asText());

            CheckpointCodec codec = new CheckpointCodec();
            Checkpoint original = codec.decode(model.checkpoint);
            String newerId = model.checkpointId + "-newer";
            byte[] newer = codec.encode(new Checkpoint(newerId, original.config(), original.features(), original.params(), original.metadata()));
            int at = newer.length / 2;
            newer[at] ^= 0x10;
            served.stores.checkpoints().write(newerId, newer);
            assertTrue(served.stores.champion().moveCurrent(model.checkpointId, newerId));

            Thread.sleep(500); // past the champion refresh interval (0.2 s in these tests)
            int served200 = 0;
            for (int i = 0; i < 20; i++) {
                JsonNode r = served.api.recommend("bob", 5, bob);
                assertEquals(model.checkpointId, r.path("checkpointId").asText(), "the corrupt checkpoint must never serve");
                served200++;
            }
            // Positive control: a good newer checkpoint is picked up by the same warm environment after the refresh interval.
            String goodId = model.checkpointId + "-good";
            served.stores.checkpoints().write(goodId, codec.encode(new Checkpoint(goodId, original.config(), original.features(),
                    original.params(), original.metadata())));
            assertTrue(served.stores.champion().moveCurrent(newerId, goodId));
            Thread.sleep(500); // past the champion refresh interval
            assertEquals(goodId, served.api.recommend("bob", 5, bob).path("checkpointId").asText(),
                    "the warm environment picks up a good newer champion");
            // put the corrupt one back in front for the cold start below (its previous: the good one)
            assertTrue(served.stores.champion().moveCurrent(goodId, newerId));

            try (MetarecFunctions cold = MetarecFunctions.start(1, MetarecFunctions.configuration(servers, served.namespace))) {
                ApiGateway.Response r = cold.gateway().post("/recommend", ApiClient.user("bob").toString(), bob);
                assertEquals(200, r.status(), "a cold environment falls back to the previous champion: " + r.body());
                assertEquals(goodId, r.json().path("checkpointId").asText(), "the pointer's previous, never the corrupt one: " + r.body());
                System.out.printf("[figure] byte %d of %d flipped in the promoted checkpoint: warm environment served %d/20 answers from the "
                        + "previous champion; a cold environment answered %d %s%n", at, newer.length, served200, r.status(),
                        r.status() == 200 ? "from " + r.json().path("checkpointId").asText() : "(no loadable champion)");
            }
        }
    }
}
