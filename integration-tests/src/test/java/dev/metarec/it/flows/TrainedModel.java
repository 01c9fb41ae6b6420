package dev.metarec.it.flows;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.rank.Recency;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainSettings;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One model meta-trained once per test run on the {@link GenreWorld} (written straight into its own
 * namespace), whose checkpoint bytes other tests install into their fresh namespaces: catalogue items,
 * the checkpoint object in S3 and the champion pointer in DynamoDB. Saves every test class a training run.
 */
public final class TrainedModel {
    public final GenreWorld world = new GenreWorld(30, 160, 16, 11);
    public final String checkpointId;
    public final byte[] checkpoint;
    /** The namespace it was trained in: the world's catalogue and events, this model as champion. */
    public final AwsServers.Namespace namespace;
    public final AwsStores stores;

    private TrainedModel(AwsServers servers) {
        namespace = servers.freshNamespace("model");
        AwsStores s = AwsStores.over(servers.dynamo(), servers.s3(), namespace, Clock.systemUTC());
        stores = s;
        install(world, s);
        Instant now = Instant.now();
        for (GenreWorld.Rating r : world.ratings) {
            if (s.events().append(new Event(r.eventId(), r.userId(), r.itemId(), EventType.RATING, r.value(), r.timestamp()), now)) {
                boolean liked = r.value() >= 4;
                s.itemStats().add(r.itemId(), 1, 0.0, liked ? 1 : 0, liked ? Recency.weight(r.timestamp()) : 0.0);
            }
        }
        MetaTrainService.Result r = MetaTraining.untilDone(MetaTraining.service(s, MetaTrainSettings.DEMO), Duration.ofMinutes(2), 10);
        if (r.status() != MetaTrainService.Status.PROMOTED) throw new IllegalStateException("meta-training did not promote: " + r);
        checkpointId = r.checkpointId();
        checkpoint = s.checkpoints().read(checkpointId).orElseThrow();
    }

    public static TrainedModel shared(ExtensionContext context) {
        AwsServers servers = AwsServersExtension.shared(context);
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TrainedModel.class, k -> new TrainedModel(servers), TrainedModel.class);
    }

    /** Writes the world's catalogue into {@code s}. */
    public static void install(GenreWorld world, AwsStores s) {
        for (GenreWorld.Item i : world.items) s.catalog().upsert(new Item(i.itemId(), Attributes.of("genre", i.genre()), i.releasedAt()));
    }

    /** Makes this model the champion of {@code s}, with the world's catalogue and its items' interaction counts. */
    public void installInto(AwsStores s) {
        install(world, s);
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        java.util.Map<String, Double> recent = new java.util.HashMap<>();
        for (GenreWorld.Rating r : world.ratings) {
            long[] c = counts.computeIfAbsent(r.itemId(), k -> new long[2]);
            c[0]++;
            if (r.value() >= 4) {
                c[1]++;
                recent.merge(r.itemId(), Recency.weight(r.timestamp()), Double::sum);
            }
        }
        counts.forEach((item, c) -> s.itemStats().add(item, c[0], 0.0, c[1], recent.getOrDefault(item, 0.0)));
        s.checkpoints().write(checkpointId, checkpoint);
        if (!s.champion().moveCurrent(null, checkpointId)) throw new IllegalStateException("namespace already has a champion");
    }
}
