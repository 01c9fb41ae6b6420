package dev.metarec.functions;

import dev.metarec.functions.dto.EraseResponse;
import dev.metarec.functions.dto.UserRequest;
import dev.metarec.functions.security.Callers;
import dev.metarec.service.EraseService;
import dev.metarec.service.Limits;
import dev.metarec.service.UserCommand;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * POST /erase: removes the caller's events, profile, fast weights, idempotency records and contributions to item
 * statistics (an admin may erase anyone). A heavy user is erased over several calls: {@code complete: false} means
 * "partial, call again".
 */
public class EraseFunction {
    @Inject EraseService service;
    @Inject Callers callers;
    @Inject Limits limits;

    @Funq("erase")
    public EraseResponse erase(UserRequest r) {
        UserCommand cmd = UserCommand.of(r == null ? null : r.userId(), limits);
        callers.current().requireSelfOrAdmin(cmd.userId(), "erase");
        EraseService.Result res = service.erase(cmd.userId());
        return new EraseResponse(res.userId(), res.eventsRemoved(), res.profileRemoved(), res.fastWeightsRemoved(),
                res.contributionsRetracted(), res.complete());
    }
}
