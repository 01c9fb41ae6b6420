package dev.metarec.functions;

import dev.metarec.functions.dto.IngestRequest;
import dev.metarec.functions.dto.IngestResponse;
import dev.metarec.functions.security.Caller;
import dev.metarec.functions.security.Callers;
import dev.metarec.model.Event;
import dev.metarec.model.UserProfile;
import dev.metarec.service.IngestCommand;
import dev.metarec.service.IngestService;
import dev.metarec.service.Limits;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/** POST /ingest: events (own user unless admin), item upserts (admin), profile upserts (own unless admin). */
public class IngestFunction {
    @Inject IngestService service;
    @Inject Callers callers;
    @Inject Limits limits;
    @Inject Clock clock;

    @Funq("ingest")
    public IngestResponse ingest(IngestRequest r) {
        Caller caller = callers.current();
        Instant now = clock.instant();
        IngestCommand cmd = Dtos.command(r, limits, now);
        if (!cmd.items().isEmpty()) caller.requireAdmin("writing the catalogue");
        for (Event e : cmd.events()) caller.requireSelfOrAdmin(e.userId(), "ingest events for");
        for (UserProfile p : cmd.profiles()) caller.requireSelfOrAdmin(p.userId(), "write the profile of");
        // Admin tokens (back-office bulk imports) are not counted against the users' daily quotas.
        IngestService.Result res = service.ingest(cmd, now, caller.admin());
        return new IngestResponse(res.eventsStored(), res.eventsDuplicate(), res.itemsUpserted(), res.profilesUpserted());
    }
}
