package dev.metarec.functions;

import dev.metarec.functions.dto.AdaptResponse;
import dev.metarec.functions.dto.IngestRequest;
import dev.metarec.functions.dto.RecommendResponse;
import dev.metarec.service.AdaptService;
import dev.metarec.service.IngestCommand;
import dev.metarec.service.Limits;
import dev.metarec.service.Recommendation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Mapping between the edge DTOs and the domain's commands and results. */
final class Dtos {
    private Dtos() {}

    static IngestCommand command(IngestRequest r, Limits limits, Instant now) {
        if (r == null) r = new IngestRequest(null, null, null);
        return IngestCommand.of(
                map(r.events(), e -> e == null ? null : new IngestCommand.RawEvent(e.eventId(), e.userId(), e.itemId(), e.type(), e.value(), e.timestamp())),
                map(r.items(), i -> i == null ? null : new IngestCommand.RawItem(i.itemId(), i.attributes(), i.releasedAt())),
                map(r.profiles(), p -> p == null ? null : new IngestCommand.RawProfile(p.userId(), p.attributes())),
                limits, now);
    }

    private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        if (in == null) return null;
        return in.stream().map(f).collect(java.util.stream.Collectors.toList());
    }

    static AdaptResponse response(AdaptService.Outcome o) {
        return new AdaptResponse(o.userId(), o.checkpointId(), o.version(), o.steps(), o.supportSize(), finite(o.lossBefore()),
                finite(o.lossAfter()), o.stored(), o.fellBackToPrior());
    }

    static RecommendResponse response(Recommendation r) {
        List<RecommendResponse.Item> items = r.items().stream().map(i -> new RecommendResponse.Item(i.itemId(), i.score(), i.reason().name(),
                i.topAttributes().stream().map(c -> new RecommendResponse.Contribution(c.attribute(), c.values(), c.contribution())).toList())).toList();
        return new RecommendResponse(r.recommendationId(), r.userId(), r.checkpointId(), r.mode().name(), items);
    }

    private static Double finite(double x) { return Double.isFinite(x) ? x : null; }
}
