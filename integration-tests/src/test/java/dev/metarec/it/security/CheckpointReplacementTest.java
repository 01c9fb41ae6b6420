package dev.metarec.it.security;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointMetadata;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.MetarecFunctions;
import dev.metarec.service.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11.10 on s3proxy: the champion pointer records the SHA-256 of the checkpoint it promoted. An object replaced
 * under the same key afterwards by a checkpoint that decodes perfectly well (its own checksum is right) is not
 * served: a fresh execution environment refuses it ({@code 503}, no model) instead of serving the replacement.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class CheckpointReplacementTest {

    @Test
    void aCheckpointReplacedAfterItsPromotion_shouldNeverBeServed(AwsServers servers, TrainedModel model) {
        AwsServers.Namespace ns = servers.freshNamespace("replaced");
        AwsStores s = AwsStores.over(servers.dynamo(), servers.s3(), ns, Clock.systemUTC());
        TrainedModel.install(model.world, s);
        s.checkpoints().write(model.checkpointId, model.checkpoint);
        s.champion().moveCurrent(null, model.checkpointId, Digests.sha256(model.checkpoint));
        Map<String, String> config = MetarecFunctions.configuration(servers, ns);
        try (MetarecFunctions honest = MetarecFunctions.start(1, config)) {
            assertEquals(200, new ApiClient(honest.gateway()).post("/recommend", ApiClient.user("u1"), ApiGateway.Token.user("u1")).status(),
                    "the promoted bytes are served");
        }

        CheckpointCodec codec = new CheckpointCodec();
        Checkpoint original = codec.decode(model.checkpoint);
        Map<String, Double> metrics = new TreeMap<>(original.metadata().metrics());
        metrics.put(dev.metarec.service.ServingModel.PRIOR_OFFSET, metrics.getOrDefault(dev.metarec.service.ServingModel.PRIOR_OFFSET, 0.0) + 3.0);   // another, perfectly valid model
        Checkpoint forged = new Checkpoint(original.checkpointId(), original.config(), original.features(), original.params(),
                CheckpointMetadata.of(original.metadata().createdAt(), original.metadata().learner(), original.metadata().trainingStep(), metrics));
        servers.s3().putObject(b -> b.bucket(ns.bucket()).key("checkpoints/" + model.checkpointId + ".ckpt"), RequestBody.fromBytes(codec.encode(forged)));

        try (MetarecFunctions fresh = MetarecFunctions.start(1, config)) {
            ApiGateway.Response r = new ApiClient(fresh.gateway()).post("/recommend", ApiClient.user("u1"), ApiGateway.Token.user("u1"));
            System.out.printf("[figure] replaced checkpoint: a fresh environment answered %d%n", r.status());
            assertEquals(503, r.status(), "the replaced checkpoint is refused, not served: " + r.body());
        }
    }
}
