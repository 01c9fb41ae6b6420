package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Admin rights need a token from an allowed admin client, not only the admin scope: the client ids are a
 * deployment parameter ({@value MetarecStack#PARAM_ADMIN_CLIENTS}, empty by default = nobody is an admin) that
 * reaches every HTTP function as {@code METAREC_AUTH_ADMIN_CLIENTS} ({@code metarec.auth.admin-clients}).
 */
class AdminClientsParameterTest {

    private final Synth.Result synth = Synth.nativeDefaults();

    @Test
    void adminClientIds_shouldBeAParameter_emptyByDefault_passedToEveryHttpFunction() {
        synth.template().hasParameter(MetarecStack.PARAM_ADMIN_CLIENTS, Map.of("Type", "String", "Default", ""));
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            if (!spec.http()) {
                continue;
            }
            String id = synth.logicalId(synth.stack().functions().function(spec.name()));
            Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) synth.properties(id).get("Environment")).get("Variables");
            assertEquals(Map.of("Ref", MetarecStack.PARAM_ADMIN_CLIENTS), env.get(MetarecStack.ENV_ADMIN_CLIENTS), spec.name());
        }
    }
}
