package dev.metarec.spark;

import dev.metarec.adapter.dynamodb.DynamoDbChampionPointer;
import dev.metarec.adapter.dynamodb.DynamoDbControl;
import dev.metarec.adapter.s3.S3CheckpointStore;
import dev.metarec.meta.Learner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The EMR Serverless entry point ({@code spark-submit --class dev.metarec.spark.SparkMetaTrainMain}):
 * <pre>
 *   --events s3://bucket/exports/events/AWSDynamoDB/&lt;exportId&gt;   (each: the folder holding manifest-summary.json)
 *   --items  s3://.../items/AWSDynamoDB/&lt;exportId&gt;   --profiles s3://.../profiles/AWSDynamoDB/&lt;exportId&gt;
 *   --bucket &lt;checkpoint bucket&gt;   --control-table &lt;control table&gt;
 *   [--preset default|demo] [--learner FIRST_ORDER_MAML|MAML|REPTILE|META_SGD] [--steps N] [--meta-batch N]
 *   [--partitions N] [--fan-in N]
 * </pre>
 * Exits non-zero when the run fails (the job run, and with it the state machine, then fails, and the alarm fires).
 */
public final class SparkMetaTrainMain {
    private SparkMetaTrainMain() {}

    public static void main(String[] args) {
        Map<String, String> a = parse(args);
        JobOptions options = JobOptions.defaults().withPreset(a.getOrDefault("preset", "default"))
                .withTargetSteps(Integer.parseInt(a.getOrDefault("steps", "0")))
                .withMetaBatchSize(Integer.parseInt(a.getOrDefault("meta-batch", "0")))
                .withPartitions(Integer.parseInt(a.getOrDefault("partitions", "0")))
                .withFanIn(Integer.parseInt(a.getOrDefault("fan-in", "16")));
        if (a.containsKey("learner")) options = options.withLearner(Learner.valueOf(a.get("learner").toUpperCase(Locale.ROOT)));
        SparkMetaTrain.Inputs inputs = new SparkMetaTrain.Inputs(required(a, "events"), required(a, "items"), required(a, "profiles"));
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("metarec-meta-train"));
             S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            SparkMetaTrain job = new SparkMetaTrain(sc, new S3CheckpointStore(s3, required(a, "bucket")),
                    new DynamoDbChampionPointer(new DynamoDbControl(dynamo, required(a, "control-table")), Clock.systemUTC()), options, Clock.systemUTC());
            SparkMetaTrain.Result r = job.run(inputs);
            System.out.println("meta-train " + r.status() + " " + r.runId() + ": " + r.message() + " (steps " + r.steps() + ", training tasks "
                    + r.trainTasks() + ", validation loss " + r.challengerLoss() + " vs champion " + r.championLoss() + ")");
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }
}
