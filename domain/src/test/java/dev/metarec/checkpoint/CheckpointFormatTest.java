package dev.metarec.checkpoint;

import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the section bodies of checkpoint format version 1: checkpoints outlive the code that wrote
 * them, so a change to these bytes must come with a new format version (and new pins here). The
 * inputs are {@link CheckpointFixtures}' small config and vocabularies: changing those changes the pins too.
 */
class CheckpointFormatTest {
    private static String sha256(BinaryWriter w) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(w.toByteArray()));
    }

    @Test
    void configSection_isPinned() throws Exception {
        ModelConfig c = CheckpointFixtures.smallConfig();
        assertEquals("ce1f136df9181165f3b66381993f12c4d52cef9478d51fd4208eda19147eabcb", sha256(ModelSections.writeConfig(c)));
    }

    @Test
    void featureSection_isPinned() throws Exception {
        ModelConfig c = CheckpointFixtures.smallConfig();
        assertEquals("4252a8661ab2205e974fdf4a57577f04852933b24e4fddcb223fe6b207b7b0b8", sha256(ModelSections.writeFeatures(CheckpointFixtures.smallSpace(c))));
    }

    @Test
    void paramsSection_isPinned() throws Exception {
        ParamLayout layout = ParamLayout.builder().table("emb.item.genre", 3, 2).dense("out.b", 1, 1).build();
        Params p = new Params(layout, new double[] {0.5, -0.25, 1e-300, -0.0, Double.MIN_VALUE, 3.0, -7.125});
        assertEquals("b2a2d4f5cd770e2cf6742802ff0317eb48a2433d51ea61b22a20dcb2f75fba95", sha256(ModelSections.writeParams(p)));
    }
}
