package dev.metarec.spark;

import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.TrainingRecipes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The users whose events reach the driver for the rank prior's fit when the export is large. */
class RankSampleTest {
    @Test
    void sampled_shouldKeepAboutTheFraction_ofTrainingAndOfValidationUsersAlike_andTheSameUsersEveryTime() {
        int users = 20_000, kept = 0, validation = 0, validationKept = 0;
        for (int u = 0; u < users; u++) {
            String id = "user-" + u;
            boolean in = SparkMetaTrain.sampled(id, 0.3);
            assertEquals(in, SparkMetaTrain.sampled(id, 0.3), "deterministic");
            if (in) kept++;
            if (TrainingRecipes.isValidationUser(id, MetaTrainSettings.DEFAULT)) {
                validation++;
                if (in) validationKept++;
            }
        }
        assertEquals(0.3, kept / (double) users, 0.02, "overall");
        assertTrue(validation > 1000, "the default split holds validation users: " + validation);
        assertEquals(0.3, validationKept / (double) validation, 0.05, "validation users are sampled at the same rate (they fit the blend)");
        assertTrue(SparkMetaTrain.sampled("anyone", 1.0));
        assertFalse(SparkMetaTrain.sampled("anyone", 0.0));
    }
}
