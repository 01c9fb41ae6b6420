package dev.metarec.functions;

import dev.metarec.functions.dto.RecommendRequest;
import dev.metarec.functions.dto.RecommendResponse;
import dev.metarec.functions.security.Callers;
import dev.metarec.service.Limits;
import dev.metarec.service.RecommendCommand;
import dev.metarec.service.RecommendService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Clock;

/** POST /recommend: top-K for the caller (or, for an admin, any user). */
public class RecommendFunction {
    @Inject RecommendService service;
    @Inject Callers callers;
    @Inject Limits limits;
    @Inject Clock clock;

    @Funq("recommend")
    public RecommendResponse recommend(RecommendRequest r) {
        if (r == null) r = new RecommendRequest(null, null, null, null, null, null, null);
        RecommendCommand cmd = RecommendCommand.of(r.userId(), r.k(), r.candidates(), r.exclude(), r.categories(), r.excludeSeen(), r.explorationShare(), limits);
        callers.current().requireSelfOrAdmin(cmd.userId(), "get recommendations for");
        return Dtos.response(service.recommend(cmd, clock.instant()));
    }
}
