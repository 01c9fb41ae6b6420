package dev.metarec.it.reliability;

import dev.metarec.adapter.dynamodb.DynamoDbTableNames;
import dev.metarec.config.AwsClients;
import dev.metarec.it.flows.MetaTraining;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.service.MetaTrainSettings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * A meta-train invocation in its own JVM, so a test can kill it mid-run (as Lambda kills a function at its
 * timeout). Arguments: DynamoDB endpoint, S3 endpoint, table prefix, bucket, target steps.
 */
public final class MetaTrainChild {
    private MetaTrainChild() {}

    public static void main(String[] args) {
        var dynamo = AwsClients.dynamo(AwsServers.settings(URI.create(args[0]), 3));
        var s3 = AwsClients.s3(AwsServers.settings(URI.create(args[1]), 3));
        AwsStores stores = AwsStores.over(dynamo, s3, new AwsServers.Namespace(DynamoDbTableNames.withPrefix(args[2]), args[3]), Clock.systemUTC());
        var result = MetaTraining.service(stores, MetaTrainSettings.DEMO.withTargetSteps(Integer.parseInt(args[4]))).run(Duration.ofMinutes(10));
        System.out.println("finished: " + result);
    }
}
