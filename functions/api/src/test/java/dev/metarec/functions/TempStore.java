package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh embedded-store directory per Quarkus boot. */
public class TempStore implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("metarec-test-");
            return Map.of("metarec.local.dir", dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() { }
}
