package dev.metarec.functions.metatrain;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** A fresh embedded-store directory per Quarkus boot. */
public class TempStore implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            return Map.of("metarec.local.dir", Files.createTempDirectory("metarec-train-test-").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() { }
}
