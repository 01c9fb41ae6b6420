package dev.metarec.it.flows;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.it.lambda.MetarecFunctions;

import java.time.Clock;
import java.util.Map;

/**
 * A fresh namespace with the run's {@link TrainedModel} installed as champion, served by {@code instances}
 * environments of the metarec-api artifact. Close it to stop them.
 */
public final class ServedModel implements AutoCloseable {
    public final AwsServers.Namespace namespace;
    public final AwsStores stores;
    public final MetarecFunctions functions;
    public final ApiClient api;

    public ServedModel(AwsServers servers, TrainedModel model, String owner, int instances, Map<String, String> extraConfig) {
        namespace = servers.freshNamespace(owner);
        stores = AwsStores.over(servers.dynamo(), servers.s3(), namespace, Clock.systemUTC());
        model.installInto(stores);
        Map<String, String> config = MetarecFunctions.configuration(servers, namespace);
        config.putAll(extraConfig);
        functions = MetarecFunctions.start(instances, config);
        api = new ApiClient(functions.gateway());
    }

    @Override
    public void close() { functions.close(); }
}
