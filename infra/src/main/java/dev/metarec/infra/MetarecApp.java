package dev.metarec.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * Entry point of {@code cdk synth} / {@code cdk deploy} (see {@code infra/cdk.json} and docs/DEPLOY.md).
 * Reads {@link DeploymentSettings} from context, checks the function artifacts and synthesises
 * {@link MetarecStack} (name from context {@code stackName}, default {@code Metarec}).
 */
public final class MetarecApp {

    private MetarecApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        Artifacts.check(settings);
        Object stackName = app.getNode().tryGetContext("stackName");
        new MetarecStack(app, stackName == null ? "Metarec" : stackName.toString(), StackProps.builder()
                .description("metarec: few-shot recommendations on Lambda, DynamoDB and S3")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build(), settings);
        app.synth();
    }
}
