package dev.metarec.functions;

import dev.metarec.functions.dto.AdaptResponse;
import dev.metarec.functions.dto.UserRequest;
import dev.metarec.service.AdaptService;
import dev.metarec.service.Limits;
import dev.metarec.service.UserCommand;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Clock;

/** POST /adapt: adapts the caller (or, for an admin, any user) to their recent events and stores the fast weights. */
public class AdaptFunction {
    @Inject AdaptService service;
    @Inject dev.metarec.functions.security.Callers callers;
    @Inject Limits limits;
    @Inject Clock clock;

    @Funq("adapt")
    public AdaptResponse adapt(UserRequest r) {
        UserCommand cmd = UserCommand.of(r == null ? null : r.userId(), limits);
        callers.current().requireSelfOrAdmin(cmd.userId(), "adapt");
        AdaptService.Outcome o = service.adapt(cmd.userId(), clock.instant());
        return Dtos.response(o);
    }
}
